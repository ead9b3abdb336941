// Small progressive enhancements only; every page works without JavaScript.
document.addEventListener("keydown", (event) => {
  // "/" focuses the search box, as on many search sites
  const box = document.getElementById("q");
  if (event.key === "/" && box && document.activeElement !== box) {
    event.preventDefault();
    box.focus();
  }
});
