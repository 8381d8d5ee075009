/* Keyframe operator pages: shared helpers (each page adds its own script). */
window.Keyframe = window.Keyframe || {};
