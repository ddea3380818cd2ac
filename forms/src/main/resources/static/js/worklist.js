// The live worklist: the open handoffs update themselves. The server says when anything changed (server-sent
// events from /tasks/live); the page then fetches itself again with the user's own filters and swaps the list in.
// Without server-sent events it asks every 15 seconds. A new emergency task raises a banner and, unless the user
// turned sound off, a short tone.
(function () {
  'use strict';
  var list = document.getElementById('worklist');
  if (!list) { return; }
  var banner = document.getElementById('worklist-alert');
  var soundToggle = document.getElementById('worklist-sound');
  var status = document.getElementById('worklist-status');
  var SOUND_KEY = 'careloop.worklist.sound';
  var pollTimer = null;
  var refreshing = false;
  var again = false;

  if (soundToggle) {
    soundToggle.checked = window.localStorage.getItem(SOUND_KEY) !== 'off';
    soundToggle.addEventListener('change', function () {
      window.localStorage.setItem(SOUND_KEY, soundToggle.checked ? 'on' : 'off');
    });
  }

  function emergencies(root) {
    var ids = {};
    root.querySelectorAll('tr[data-task-id][data-urgency="Emergency"]').forEach(function (row) {
      ids[row.getAttribute('data-task-id')] = row;
    });
    return ids;
  }

  // browsers let a page sound only after the user has clicked or typed on it: the first click or key unlocks it
  var Context = window.AudioContext || window.webkitAudioContext;
  var audio = null;
  function unlock() {
    if (!Context) { return; }
    if (!audio) { audio = new Context(); }
    if (audio.state === 'suspended') { audio.resume(); }
  }
  document.addEventListener('click', unlock);
  document.addEventListener('keydown', unlock);

  function tone() {
    if (!audio || audio.state !== 'running') { return 'blocked'; }
    var oscillator = audio.createOscillator();
    var gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = 880;
    gain.gain.value = 0.2;
    oscillator.connect(gain);
    gain.connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.6);
    return 'played';
  }

  function alertFor(rows) {
    if (!banner || rows.length === 0) { return; }
    var first = rows[0];
    var what = first.querySelector('td:nth-child(2)').textContent.trim();
    var who = first.querySelector('[data-label="Patient"]').textContent.trim();
    banner.querySelector('.text').textContent = rows.length === 1
      ? 'New emergency task: ' + what + ' for ' + who
      : rows.length + ' new emergency tasks, the first: ' + what + ' for ' + who;
    var sound = soundToggle && soundToggle.checked ? tone() : 'off';
    if (sound === 'blocked') {
      banner.querySelector('.text').textContent += ' (click anywhere on the page to let the alert sound)';
    }
    banner.setAttribute('data-sound', sound);
    banner.hidden = false;
  }

  // one patient's further tasks fold under the first; the groups the user opened stay open across updates (by
  // patient: a group's number changes as the list does)
  var opened = {};
  function patientOf(row) {
    var link = row.querySelector('[data-label="Patient"] span');
    return link ? link.textContent.trim() : '';
  }
  function applyGroups() {
    list.querySelectorAll('button.group-toggle').forEach(function (button) {
      var group = button.getAttribute('data-group');
      var first = list.querySelector('tr.group-first[data-group="' + group + '"]');
      var open = !!opened[patientOf(first)];
      list.querySelectorAll('tr.group-more[data-group="' + group + '"]').forEach(function (row) {
        row.hidden = !open;
      });
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      button.textContent = (open ? 'Hide ' : 'Show ') + button.getAttribute('data-more') + ' more for this patient';
    });
  }
  list.addEventListener('click', function (event) {
    var button = event.target.closest('button.group-toggle');
    if (!button) { return; }
    var first = list.querySelector('tr.group-first[data-group="' + button.getAttribute('data-group') + '"]');
    var patient = patientOf(first);
    opened[patient] = !opened[patient];
    applyGroups();
  });
  applyGroups();

  function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (response.redirected || !response.ok) { throw new Error('status ' + response.status); }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.getElementById('worklist');
        if (!fresh) { return; }
        var before = emergencies(list);
        list.innerHTML = fresh.innerHTML;
        applyGroups();
        document.title = page.title;
        var after = emergencies(list);
        var added = Object.keys(after).filter(function (id) { return !before[id]; }).map(function (id) {
          return after[id];
        });
        alertFor(added);
        if (status) { status.textContent = 'Updated ' + new Date().toLocaleTimeString(); }
      })
      .catch(function () {
        if (status) { status.textContent = 'Could not update; retrying'; }
      })
      .then(function () {
        refreshing = false;
        if (again) { again = false; refresh(); }
      });
  }

  function poll() {
    if (pollTimer === null) { pollTimer = window.setInterval(refresh, 15000); }
  }

  if (banner) {
    banner.querySelector('button').addEventListener('click', function () { banner.hidden = true; });
  }
  if (window.EventSource) {
    var source = new EventSource(list.getAttribute('data-live'));
    source.addEventListener('changed', refresh);
    source.addEventListener('open', function () {
      if (status) { status.textContent = 'Live'; }
    });
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) { poll(); }
    });
  } else {
    poll();
  }
  // the waiting times move on even when nothing else does
  window.setInterval(refresh, 60000);
})();
