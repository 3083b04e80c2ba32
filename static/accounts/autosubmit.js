// Submits a form marked data-autosubmit once the page has loaded (the organisation switcher's
// hand-over); the form's own button does the same without JavaScript.
document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
  form.submit();
});
