// Counts a draft's SMS segments as one types: GSM-7 (160 in one segment, 153 each when split; ^{}\[~]|€ take two
// places) unless one character is outside the GSM 03.38 alphabet, then UCS-2 (70, or 67 each when split). The same
// count as SmsSegments.java, on the text with the department's name, help line and a sample time filled in.
(function () {
  var BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  var EXTENSION = '\f^{}\\[~]|€';

  function count(text) {
    var septets = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (BASIC.indexOf(c) >= 0) {
        septets += 1;
      } else if (EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        var units = text.length;
        return units <= 70 ? {encoding: 'UCS-2', units: units, segments: 1, per: 70}
            : {encoding: 'UCS-2', units: units, segments: Math.ceil(units / 67), per: 67};
      }
    }
    return septets <= 160 ? {encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : 1, per: 160}
        : {encoding: 'GSM-7', units: septets, segments: Math.ceil(septets / 153), per: 153};
  }

  var area = document.getElementById('text');
  var output = document.getElementById('segments');
  if (!area || !output) {
    return;
  }
  function update() {
    var filled = area.value.replace(/\r\n/g, '\n')
        .split('{organisation}').join(area.dataset.organisation || '')
        .split('{helpLine}').join(area.dataset.helpLine || '')
        .split('{when}').join(area.dataset.when || '');
    var n = count(filled);
    output.textContent = n.encoding + ' · ' + n.segments + (n.segments === 1 ? ' segment' : ' segments') +
        ' (' + n.units + ' of ' + n.segments * n.per + ')';
  }
  area.addEventListener('input', update);
  update();
})();
