package io.keyframe.recording.control;

/** Makes files and rows agree after a crash; runs once at start-up before any session starts. */
public interface StartupRecovery {

    void recover();
}
