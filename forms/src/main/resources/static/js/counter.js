// Says, as one types, how many characters a limited text box has left (its maxlength), in the element its
// aria-describedby names.
(function () {
  document.querySelectorAll('textarea[maxlength][aria-describedby]').forEach(function (box) {
    var output = document.getElementById(box.getAttribute('aria-describedby'));
    if (!output) {
      return;
    }
    function update() {
      var left = box.maxLength - box.value.length;
      output.textContent = left + (left === 1 ? ' character left' : ' characters left') + ' of ' + box.maxLength + '.';
    }
    box.addEventListener('input', update);
    update();
  });
})();
