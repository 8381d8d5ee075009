/*
 * Schedules page: a 7 x 96 grid of quarter hours kept in sync with the per-day text fields
 * ("08:00-12:00, 13:00-18:00"). The text fields are what the form submits and the server checks;
 * dragging over the grid rewrites them, typing repaints the grid. Minutes finer than the grid are
 * kept: the grid shows a partly covered quarter hour as such.
 */
(function () {
    'use strict';
    var DAY = 1440, SLOT = 15, SLOTS = DAY / SLOT;
    var RANGE = /^\s*(\d{1,2}):(\d{2})\s*[-\u2013]\s*(\d{1,2}):(\d{2})\s*$/;
    var drag = null;

    function pad(n) { return (n < 10 ? '0' : '') + n; }
    function hhmm(m) { return pad(Math.floor(m / 60)) + ':' + pad(m % 60); }

    /** The day's minutes as 0/1, or null when the text is not valid ranges. */
    function parse(text) {
        var mask = new Uint8Array(DAY);
        var parts = (text || '').split(/[,;]/);
        for (var i = 0; i < parts.length; i++) {
            if (!parts[i].trim()) { continue; }
            var m = RANGE.exec(parts[i]);
            if (!m) { return null; }
            var start = +m[1] * 60 + +m[2], end = +m[3] * 60 + +m[4];
            if (+m[2] > 59 || +m[4] > 59 || start >= DAY || end > DAY || start >= end) { return null; }
            for (var k = start; k < end; k++) {
                if (mask[k]) { return null; } // overlapping ranges: the server explains
                mask[k] = 1;
            }
        }
        return mask;
    }

    function format(mask) {
        var out = [], m = 0;
        while (m < DAY) {
            if (!mask[m]) { m++; continue; }
            var start = m;
            while (m < DAY && mask[m]) { m++; }
            out.push(hhmm(start) + '-' + hhmm(m));
        }
        return out.join(', ');
    }

    function input(day) { return document.querySelector('.kf-day-input[data-day="' + day + '"]'); }
    function strip(day) { return document.querySelector('.kf-sched-strip[data-day="' + day + '"]'); }

    function paint(day) {
        var s = strip(day), field = input(day);
        if (!s || !field) { return; }
        var mask = parse(field.value);
        s.classList.toggle('kf-invalid', mask === null);
        var cells = s.children;
        for (var i = 0; i < cells.length; i++) {
            var on = 0;
            if (mask) { for (var k = i * SLOT; k < (i + 1) * SLOT; k++) { on += mask[k]; } }
            cells[i].classList.toggle('kf-on', on === SLOT);
            cells[i].classList.toggle('kf-part', on > 0 && on < SLOT);
        }
    }

    function cellAt(target) {
        var cell = target && target.closest ? target.closest('.kf-cell') : null;
        return cell ? {day: +cell.parentNode.getAttribute('data-day'), slot: +cell.getAttribute('data-slot'), el: cell} : null;
    }

    function forEachSelected(fn) {
        var d0 = Math.min(drag.day0, drag.day1), d1 = Math.max(drag.day0, drag.day1);
        var s0 = Math.min(drag.slot0, drag.slot1), s1 = Math.max(drag.slot0, drag.slot1);
        for (var d = d0; d <= d1; d++) { fn(d, s0, s1); }
    }

    function preview() {
        document.querySelectorAll('.kf-sel-on, .kf-sel-off').forEach(function (c) {
            c.classList.remove('kf-sel-on', 'kf-sel-off');
        });
        if (!drag) { return; }
        forEachSelected(function (d, s0, s1) {
            var cells = strip(d).children;
            for (var i = s0; i <= s1; i++) { cells[i].classList.add(drag.value ? 'kf-sel-on' : 'kf-sel-off'); }
        });
    }

    function apply() {
        forEachSelected(function (d, s0, s1) {
            var field = input(d);
            var mask = parse(field.value) || new Uint8Array(DAY);
            mask.fill(drag.value ? 1 : 0, s0 * SLOT, (s1 + 1) * SLOT);
            field.value = format(mask);
            field.dispatchEvent(new Event('change', {bubbles: true}));
            paint(d);
        });
    }

    function build(s) {
        var day = s.getAttribute('data-day'), label = s.getAttribute('data-label'), html = '';
        for (var i = 0; i < SLOTS; i++) {
            html += '<span class="kf-cell' + (i % 4 === 0 ? ' kf-hour' : '') + '" data-slot="' + i + '" title="'
                + label + ' ' + hhmm(i * SLOT) + '-' + hhmm((i + 1) * SLOT) + '"></span>';
        }
        s.innerHTML = html;
        s.setAttribute('data-ready', 'true');
        paint(day);
    }

    function init() {
        var hours = document.querySelector('.kf-sched-hours');
        if (hours && !hours.firstChild) {
            var html = '';
            for (var h = 0; h < 24; h++) { html += '<span>' + (h % 2 === 0 ? pad(h) : '') + '</span>'; }
            hours.innerHTML = html;
        }
        document.querySelectorAll('.kf-sched-strip:not([data-ready])').forEach(build);
    }

    document.addEventListener('mousedown', function (e) {
        var c = cellAt(e.target);
        if (!c || e.button !== 0) { return; }
        e.preventDefault();
        drag = {day0: c.day, slot0: c.slot, day1: c.day, slot1: c.slot, value: !c.el.classList.contains('kf-on')};
        preview();
    });
    document.addEventListener('mousemove', function (e) {
        if (!drag) { return; }
        var c = cellAt(e.target) || cellAt(document.elementFromPoint(e.clientX, e.clientY));
        if (c && (c.day !== drag.day1 || c.slot !== drag.slot1)) {
            drag.day1 = c.day;
            drag.slot1 = c.slot;
            preview();
        }
    });
    document.addEventListener('mouseup', function () {
        if (!drag) { return; }
        apply();
        drag = null;
        preview();
    });
    document.addEventListener('input', function (e) {
        if (e.target.classList && e.target.classList.contains('kf-day-input')) { paint(e.target.getAttribute('data-day')); }
    });

    window.Keyframe = window.Keyframe || {};
    window.Keyframe.schedules = {init: init, parse: parse, format: format};
    function start() {
        init();
        if (window.jQuery) { window.jQuery(document).on('pfAjaxComplete', init); }
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
