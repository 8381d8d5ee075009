/*
 * Recordings page: a day of one stream on a timeline bar (footage, gaps with their cause, events),
 * a player that continues from segment to segment, and the export of a selected range.
 * Everything comes from the public REST routes; nothing here knows more than an API client does.
 */
(function () {
    'use strict';

    const R = window.KeyframeRecordings = {};
    const ZOOMS = [86400, 21600, 7200, 3600, 1200, 300]; // seconds shown by the bar
    const MARGIN_MS = 1500; // footage closer than this to a segment's end continues in the next one

    let cfg = null;          // camera, stream, from, to, zone, at, base
    let segments = [];       // {id, start, end, url, codec}
    let gaps = [];
    let intervals = [];
    let events = [];
    let zoom = 0;
    let view = null;         // {from, to} in ms
    let current = -1;        // index of the playing segment
    let videos = [];
    let active = 0;          // which of the two video elements plays
    let preloaded = -1;      // segment index loaded in the other element
    let selection = null;    // {from, to} in ms
    let timeFormat = null;
    let loadToken = 0;

    const $ = (id) => document.getElementById(id);

    function config() {
        const el = $('player-config');
        if (!el || !el.dataset.camera) {
            return null;
        }
        return {
            camera: el.dataset.camera, stream: el.dataset.stream, zone: el.dataset.zone, base: el.dataset.base || '',
            from: Date.parse(el.dataset.from), to: Date.parse(el.dataset.to), at: el.dataset.at ? Date.parse(el.dataset.at) : null,
            day: el.dataset.day
        };
    }

    function fmt(ms) {
        return timeFormat.format(new Date(ms));
    }

    async function json(url) {
        const response = await fetch(cfg.base + url, {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
        if (!response.ok) {
            let message = response.status + ' ' + response.statusText;
            try {
                message = (await response.json()).error || message;
            } catch (e) { /* not JSON */ }
            throw new Error(message);
        }
        return response.json();
    }

    function iso(ms) {
        return new Date(ms).toISOString();
    }

    async function loadSegments(token) {
        const found = [];
        let cursor = null;
        do {
            const page = await json('/cameras/' + encodeURIComponent(cfg.camera) + '/segments?stream_id=' + encodeURIComponent(cfg.stream)
                + '&from=' + iso(cfg.from) + '&to=' + iso(cfg.to) + '&limit=1000' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
            if (token !== loadToken) {
                return null;
            }
            for (const s of page.segments) {
                const codec = (s.video_codec || '').toLowerCase();
                found.push({
                    id: s.id, start: Date.parse(s.start_time), end: Date.parse(s.end_time), codec: codec,
                    // Chromium plays no H.265: such segments play through their H.264 rendition
                    url: cfg.base + (codec === 'h265' ? '/segments/' + s.id + '/file?format=h264' : s.url)
                });
            }
            cursor = page.next || null;
        } while (cursor);
        return found;
    }

    /** Reads the picked camera, stream and day and loads their footage, gaps and events. */
    R.reload = async function () {
        cfg = config();
        const token = ++loadToken;
        stopPlayback();
        segments = []; gaps = []; intervals = []; events = [];
        selection = null;
        $('sel-from').value = ''; $('sel-to').value = '';
        setExportStatus('', false);
        if (!cfg) {
            draw();
            return;
        }
        timeFormat = new Intl.DateTimeFormat('en-GB', {timeZone: cfg.zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'});
        zoom = 0;
        view = {from: cfg.from, to: cfg.to};
        history.replaceState(null, '', location.pathname + '?camera=' + encodeURIComponent(cfg.camera)
            + '&stream=' + encodeURIComponent(cfg.stream) + '&day=' + cfg.day + (cfg.at ? '&at=' + iso(cfg.at) : ''));
        $('day-summary').textContent = 'Loading…';
        try {
            const started = cfg.from < Date.now();
            const [found, timeline, evs] = await Promise.all([
                loadSegments(token),
                started ? json('/cameras/' + encodeURIComponent(cfg.camera) + '/timeline?stream_id=' + encodeURIComponent(cfg.stream)
                    + '&from=' + iso(cfg.from) + '&to=' + iso(Math.min(cfg.to, Date.now()))) : Promise.resolve({intervals: [], gaps: [], coverage: 0}),
                json('/events?camera_id=' + encodeURIComponent(cfg.camera) + '&from=' + iso(cfg.from) + '&to=' + iso(cfg.to) + '&limit=1000')
            ]);
            if (token !== loadToken || found === null) {
                return;
            }
            segments = found;
            intervals = timeline.intervals.map(i => ({start: Date.parse(i.start), end: Date.parse(i.end), segments: i.segments}));
            gaps = timeline.gaps.map(g => ({start: Date.parse(g.start), end: Date.parse(g.end), cause: g.cause, detail: g.detail}));
            events = evs.events.map(e => ({id: e.event_id, type: e.event_type, start: Date.parse(e.start),
                end: e.end ? Date.parse(e.end) : Date.now(), origin: e.origin}));
            const covered = intervals.reduce((sum, i) => sum + (i.end - i.start), 0) / 1000;
            const hours = covered < 60 ? Math.round(covered) + ' s' : covered < 3600 ? Math.round(covered / 60) + ' min'
                : (covered / 3600).toFixed(1) + ' h';
            $('day-summary').textContent = segments.length + (segments.length === 1 ? ' segment, ' : ' segments, ') + hours + ' of footage, '
                + gaps.length + ' gaps, ' + events.length + ' events';
            $('screen-note').textContent = segments.length ? 'Click the timeline to play.' : 'No footage on this day.';
            draw();
            if (cfg.at) {
                zoomAround(cfg.at, 3);
                playAt(cfg.at);
            }
        } catch (e) {
            if (token === loadToken) {
                $('day-summary').textContent = 'Could not load the day: ' + e.message;
                draw();
            }
        }
    };

    // ---------------------------------------------------------------- timeline bar

    function x(ms) {
        return (ms - view.from) / (view.to - view.from) * 100;
    }

    function block(cls, start, end, title, extra) {
        const from = Math.max(start, view.from);
        const to = Math.min(end, view.to);
        if (to <= from) {
            return null;
        }
        const el = document.createElement('div');
        el.className = cls;
        el.style.left = x(from) + '%';
        el.style.width = Math.max(x(to) - x(from), 0.08) + '%';
        el.dataset.title = title;
        if (extra) {
            Object.assign(el.dataset, extra);
        }
        return el;
    }

    function draw() {
        const track = $('track');
        track.replaceChildren();
        const axis = $('axis');
        axis.replaceChildren();
        if (!cfg || !view) {
            return;
        }
        const add = (el) => el && track.appendChild(el);
        intervals.forEach(i => add(block('kf-tl-covered', i.start, i.end, 'Footage ' + fmt(i.start) + ' – ' + fmt(i.end) + ' (' + i.segments + ' segments)')));
        gaps.forEach(g => add(block('kf-tl-gap kf-tl-' + g.cause, g.start, g.end,
            'Gap ' + fmt(g.start) + ' – ' + fmt(g.end) + ': ' + g.cause.replaceAll('_', ' ') + (g.detail ? ' (' + g.detail + ')' : ''),
            {cause: g.cause})));
        events.forEach(e => add(block('kf-tl-event', e.start, Math.max(e.end, e.start + (view.to - view.from) / 800),
            'Event ' + e.type + ' at ' + fmt(e.start) + (e.origin ? ' from ' + e.origin : ''), {event: e.id})));
        if (selection) {
            add(block('kf-tl-selection', Math.min(selection.from, selection.to), Math.max(selection.from, selection.to),
                'Selection ' + fmt(Math.min(selection.from, selection.to)) + ' – ' + fmt(Math.max(selection.from, selection.to))));
        }
        const span = (view.to - view.from) / 1000;
        const step = [60, 300, 600, 1800, 3600, 7200, 10800].find(s => span / s <= 12) || 10800;
        const first = Math.ceil(view.from / 1000 / step) * step * 1000;
        for (let t = first; t <= view.to; t += step * 1000) {
            const label = document.createElement('span');
            label.style.left = x(t) + '%';
            label.textContent = fmt(t).slice(0, step < 60 ? 8 : 5);
            axis.appendChild(label);
        }
        $('zoom-label').textContent = span >= 3600 ? (span / 3600) + ' h' : (span / 60) + ' min';
        drawPlayhead();
    }

    function drawPlayhead() {
        const head = $('playhead');
        const t = playingTime();
        if (t === null || !view || t < view.from || t > view.to) {
            head.style.display = 'none';
            return;
        }
        head.style.display = 'block';
        head.style.left = x(t) + '%';
    }

    function timeAt(event) {
        const rect = $('timeline').getBoundingClientRect();
        const ratio = Math.min(Math.max((event.clientX - rect.left) / rect.width, 0), 1);
        return view.from + ratio * (view.to - view.from);
    }

    function zoomAround(t, level) {
        zoom = Math.max(0, Math.min(ZOOMS.length - 1, level));
        const span = ZOOMS[zoom] * 1000;
        let from = t - span / 2;
        from = Math.max(cfg.from, Math.min(from, cfg.to - span));
        view = {from: from, to: from + span};
        draw();
    }

    /** Where zooming centres: the playhead, else the newest footage in view, else the middle. */
    function focus() {
        const playing = playingTime();
        if (playing !== null) {
            return playing;
        }
        const shown = intervals.filter(i => i.end > view.from && i.start < view.to);
        if (shown.length) {
            const last = shown[shown.length - 1];
            return (Math.max(last.start, view.from) + Math.min(last.end, view.to)) / 2;
        }
        return (view.from + view.to) / 2;
    }

    function pan(direction) {
        const span = view.to - view.from;
        let from = view.from + direction * span / 2;
        from = Math.max(cfg.from, Math.min(from, cfg.to - span));
        view = {from: from, to: from + span};
        draw();
    }

    // ---------------------------------------------------------------- player

    function playingTime() {
        if (current < 0 || !segments[current]) {
            return null;
        }
        return segments[current].start + videos[active].currentTime * 1000;
    }

    function stopPlayback() {
        current = -1;
        preloaded = -1;
        videos.forEach(v => {
            v.pause();
            v.removeAttribute('src');
            v.load();
        });
        $('now').textContent = '–';
        $('segment-info').textContent = 'No segment loaded.';
    }

    /** The segment holding {@code t}, or the first one after it. */
    function segmentFor(t) {
        let i = segments.findIndex(s => s.start <= t && t < s.end);
        if (i < 0) {
            i = segments.findIndex(s => s.start > t);
        }
        return i;
    }

    function playAt(t) {
        const i = segmentFor(t);
        if (i < 0) {
            $('screen-note').textContent = 'No footage after ' + fmt(t) + ' on this day.';
            return;
        }
        const offset = Math.max(0, (t - segments[i].start) / 1000);
        const begins = Math.max(t, segments[i].start);
        if (begins < view.from || begins > view.to) {
            zoomAround(begins, zoom);
        }
        load(i, offset, true);
    }

    function load(i, offset, play) {
        const video = videos[active];
        current = i;
        $('screen-note').textContent = '';
        const s = segments[i];
        if (video.dataset.segment !== String(s.id)) {
            video.src = s.url;
            video.dataset.segment = String(s.id);
        }
        const start = () => {
            if (offset > 0) {
                video.currentTime = offset;
            }
            if (play) {
                video.play().catch(() => { /* autoplay refused: the controls are there */ });
            }
        };
        if (video.readyState >= 1) {
            start();
        } else {
            video.addEventListener('loadedmetadata', start, {once: true});
        }
        $('segment-info').textContent = 'Segment ' + s.id + ': ' + fmt(s.start) + ' – ' + fmt(s.end)
            + (s.codec === 'h265' ? ' (H.265, played as H.264)' : '');
        preloadNext();
    }

    function preloadNext() {
        const next = current + 1;
        const other = videos[1 - active];
        if (next < segments.length && preloaded !== next) {
            other.src = segments[next].url;
            other.dataset.segment = String(segments[next].id);
            other.preload = 'auto';
            preloaded = next;
        }
    }

    function ended(event) {
        if (event.target !== videos[active] || current < 0) {
            return;
        }
        const next = current + 1;
        if (next >= segments.length) {
            $('screen-note').textContent = 'End of the footage of this day.';
            return;
        }
        if (preloaded === next) {
            // the next file is loaded already in the other element: swap them
            videos[active].classList.add('kf-hidden');
            active = 1 - active;
            videos[active].classList.remove('kf-hidden');
            videos[active].currentTime = 0;
            preloaded = -1;
            load(next, 0, true);
        } else {
            load(next, 0, true);
        }
    }

    function tick() {
        const t = playingTime();
        $('now').textContent = t === null ? '–' : fmt(t);
        drawPlayhead();
    }

    // ---------------------------------------------------------------- selection and export

    function parseTimeOfDay(text) {
        const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text || '');
        if (!m || +m[1] > 23 || +m[2] > 59 || (m[3] && +m[3] > 59)) {
            return null;
        }
        const seconds = +m[1] * 3600 + +m[2] * 60 + (m[3] ? +m[3] : 0);
        // the day's start plus the time, corrected once for a change of UTC offset during the day
        let t = cfg.from + seconds * 1000;
        const shown = fmt(t).split(':').map(Number);
        const drift = (shown[0] * 3600 + shown[1] * 60 + shown[2]) - seconds;
        t -= drift * 1000;
        return t;
    }

    function setSelection(from, to) {
        selection = {from: from, to: to};
        $('sel-from').value = fmt(Math.min(from, to));
        $('sel-to').value = fmt(Math.max(from, to));
        draw();
    }

    function setExportStatus(text, bad) {
        const status = $('export-status');
        status.textContent = text;
        status.classList.toggle('kf-bad', !!bad);
    }

    async function exportRange() {
        if (!cfg) {
            return;
        }
        const from = parseTimeOfDay($('sel-from').value);
        const to = parseTimeOfDay($('sel-to').value);
        if (from === null || to === null) {
            setExportStatus('Give From and To as HH:MM:SS (or shift-drag on the timeline).', true);
            return;
        }
        if (to <= from) {
            setExportStatus('To must be after From.', true);
            return;
        }
        selection = {from: from, to: to};
        draw();
        const url = cfg.base + '/cameras/' + encodeURIComponent(cfg.camera) + '/export?stream_id=' + encodeURIComponent(cfg.stream)
            + '&from=' + iso(from) + '&to=' + iso(to);
        const button = $('export');
        button.disabled = true;
        const began = Date.now();
        const timer = setInterval(() => setExportStatus('Building the export… ' + Math.round((Date.now() - began) / 1000) + ' s', false), 500);
        setExportStatus('Building the export…', false);
        try {
            // HEAD builds the file (or finds it in the export cache) without sending it
            const head = await fetch(url, {method: 'HEAD', credentials: 'same-origin'});
            if (!head.ok) {
                let message = head.status + ' ' + head.statusText;
                try {
                    message = (await (await fetch(url, {credentials: 'same-origin'})).json()).error || message;
                } catch (e) { /* keep the status line */ }
                setExportStatus('Export failed: ' + message, true);
                return;
            }
            const size = Number(head.headers.get('Content-Length') || 0);
            setExportStatus('Ready: ' + (size / 1048576).toFixed(1) + ' MiB, downloading.', false);
            const link = document.createElement('a');
            link.href = url;
            link.id = 'export-link';
            link.download = '';
            document.body.appendChild(link);
            link.click();
            link.remove();
            R.lastExport = url;
        } catch (e) {
            setExportStatus('Export failed: ' + e.message, true);
        } finally {
            clearInterval(timer);
            button.disabled = false;
        }
    }

    // ---------------------------------------------------------------- wiring

    function init() {
        videos = [$('video-a'), $('video-b')];
        if (!videos[0]) {
            return;
        }
        videos.forEach(v => {
            v.addEventListener('ended', ended);
            v.addEventListener('timeupdate', tick);
            v.addEventListener('error', () => {
                if (v === videos[active] && v.error) {
                    $('screen-note').textContent = 'This segment cannot be played (' + (v.error.message || 'media error ' + v.error.code) + ').';
                }
            });
        });
        const timeline = $('timeline');
        let drag = null;
        timeline.addEventListener('mousedown', (e) => {
            if (!cfg) {
                return;
            }
            if (e.shiftKey) {
                drag = timeAt(e);
                setSelection(drag, drag);
                e.preventDefault();
            }
        });
        timeline.addEventListener('mousemove', (e) => {
            if (!cfg || !view) {
                return;
            }
            const t = timeAt(e);
            if (drag !== null) {
                setSelection(drag, t);
            }
            const tip = $('tip');
            const over = document.elementsFromPoint(e.clientX, e.clientY).find(el => el.dataset && el.dataset.title);
            tip.textContent = fmt(t) + (over ? ' · ' + over.dataset.title : '');
            tip.style.display = 'block';
            const wrap = timeline.parentElement.getBoundingClientRect();
            tip.style.left = Math.min(e.clientX - wrap.left + 10, wrap.width - tip.offsetWidth - 4) + 'px';
            tip.style.top = (timeline.offsetTop - 26) + 'px';
        });
        timeline.addEventListener('mouseleave', () => { $('tip').style.display = 'none'; });
        window.addEventListener('mouseup', (e) => {
            if (drag !== null) {
                const t = timeAt(e);
                if (Math.abs(t - drag) < 1000) {
                    selection = null;
                    draw();
                } else {
                    setSelection(drag, t);
                }
                drag = null;
            }
        });
        timeline.addEventListener('click', (e) => {
            if (cfg && !e.shiftKey) {
                playAt(timeAt(e));
            }
        });
        $('zoom-in').addEventListener('click', () => cfg && zoomAround(focus(), zoom + 1));
        $('zoom-out').addEventListener('click', () => cfg && zoomAround(focus(), zoom - 1));
        $('pan-left').addEventListener('click', () => cfg && pan(-1));
        $('pan-right').addEventListener('click', () => cfg && pan(1));
        $('mark-from').addEventListener('click', () => {
            const t = playingTime();
            if (t !== null) {
                $('sel-from').value = fmt(t);
            }
        });
        $('mark-to').addEventListener('click', () => {
            const t = playingTime();
            if (t !== null) {
                $('sel-to').value = fmt(t);
            }
        });
        $('export').addEventListener('click', exportRange);
        R.reload();
    }

    /** For tests and the console: plays from an instant (ms or ISO text). */
    R.playAt = (t) => playAt(typeof t === 'string' ? Date.parse(t) : t);
    R.stop = () => stopPlayback();
    R.state = () => ({
        segments: segments.length, gaps: gaps.length, events: events.length, current: current,
        segment: current >= 0 ? segments[current].id : null, playing: playingTime(),
        ready: videos[active] ? videos[active].readyState : 0, paused: videos[active] ? videos[active].paused : true,
        error: videos[active] && videos[active].error ? videos[active].error.code : null
    });

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
