// The New filing page: the fields shown follow the kind chosen. Without JavaScript the kind form's
// "Show the fields" button reloads the page for the kind; with it, the fields change in place and
// the draft form's hidden kind follows the choice (no change of page: WCAG 3.2.2).
(function () {
  var chooser = document.getElementById("id_kind");
  var kind = document.getElementById("id_kind_value");
  if (!chooser || !kind) {
    return;
  }
  var show = document.getElementById("show-kind-fields");
  if (show) {
    show.hidden = true;
  }
  function apply() {
    kind.value = chooser.value;
    document.querySelectorAll("[data-kinds]").forEach(function (block) {
      block.hidden = block.getAttribute("data-kinds").split(" ").indexOf(chooser.value) === -1;
    });
  }
  chooser.addEventListener("change", apply);
  apply();
})();
