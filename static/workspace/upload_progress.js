// The <progress> bar follows htmx's upload events; without JavaScript the form posts normally.
// A file of its own, not an inline script: the Content-Security-Policy allows scripts from 'self' only.
document.addEventListener("htmx:xhr:progress", function (event) {
  var bar = document.getElementById("upload-progress");
  if (bar && event.detail.lengthComputable && event.detail.total) {
    bar.hidden = false;
    bar.value = Math.round(event.detail.loaded / event.detail.total * 100);
  }
});
