/* The events page: a footage picture that cannot be loaded (no thumbnail) gives way to "no picture".
   No inline onerror attribute: the Content-Security-Policy runs no inline event handlers. */
window.Keyframe = window.Keyframe || {};
Keyframe.events = {
    broken: function (img) {
        img.hidden = true;
        var note = img.nextElementSibling;
        if (note && note.classList.contains('kf-evt-nothumb')) {
            note.hidden = false;
        }
    },
    isThumb: function (node) {
        return node instanceof HTMLImageElement && node.classList.contains('kf-evt-thumb');
    }
};
// error events do not bubble: caught on their way down (capture), also for rows an ajax update adds
document.addEventListener('error', function (event) {
    if (Keyframe.events.isThumb(event.target)) {
        Keyframe.events.broken(event.target);
    }
}, true);
// pictures that failed before this listener existed (a lazy picture not loaded yet is not complete)
document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('img.kf-evt-thumb').forEach(function (img) {
        if (img.complete && img.naturalWidth === 0) {
            Keyframe.events.broken(img);
        }
    });
});
