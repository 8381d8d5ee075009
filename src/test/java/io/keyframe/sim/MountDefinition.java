package io.keyframe.sim;

/**
 * One mount as the native server sees it.
 *
 * @param path          mount path, e.g. {@code /h264}
 * @param launch        {@code gst_rtsp_media_factory_set_launch} description
 * @param shared        one media pipeline for all clients
 * @param authenticated only the authenticated role may use it
 * @param ptsFromDts    copy DTS to PTS after the element named {@value LaunchDescriptions#PARSER_NAME}
 */
record MountDefinition(String path, String launch, boolean shared, boolean authenticated, boolean ptsFromDts) {
}
