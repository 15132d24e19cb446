/* Financing catalogue: small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  // Filter forms submit as soon as a select changes (the Filter button stays for keyboard and no-JS use).
  document.querySelectorAll("form.filter-form select").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
    });
  });

  // Service-model form: show the running total of the financing mix shares.
  var mix = document.querySelector("[data-share-total]");
  if (mix) {
    var output = mix.querySelector("[data-share-sum]");
    var parse = function (text) {
      var value = (text || "").replace(/[%\s]/g, "");
      if (value.indexOf(",") >= 0) { value = value.replace(/\./g, "").replace(",", "."); }
      var number = parseFloat(value);
      return isNaN(number) ? 0 : number;
    };
    var update = function () {
      var total = 0;
      mix.querySelectorAll("input[name$='share_percent']").forEach(function (input) {
        var row = input.closest(".border");
        var deleted = row && row.querySelector("input[name$='DELETE']:checked");
        if (!deleted) { total += parse(input.value); }
      });
      var label = mix.getAttribute("data-label") || "Sum of shares:";
      output.textContent = label + " " + total.toLocaleString(document.documentElement.lang || "de") + " %";
      output.classList.toggle("text-danger", total > 100);
    };
    mix.addEventListener("input", update);
    mix.addEventListener("change", update);
    update();
  }
})();
