package io.keyframe.gstreamer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the media a camera offers from its SDP (RFC 8866): the video codec from
 * {@code a=rtpmap} encoding names, and whether there is AAC or other audio. Pure, no I/O.
 */
public final class Sdp {

    /** Encoding names of the static RTP payload types (RFC 3551) that may lack an rtpmap line. */
    private static final Map<Integer, String> STATIC_PAYLOADS = Map.ofEntries(
            Map.entry(0, "PCMU"), Map.entry(3, "GSM"), Map.entry(4, "G723"), Map.entry(8, "PCMA"),
            Map.entry(9, "G722"), Map.entry(10, "L16"), Map.entry(11, "L16"), Map.entry(14, "MPA"),
            Map.entry(15, "G728"), Map.entry(18, "G729"), Map.entry(26, "JPEG"), Map.entry(31, "H261"),
            Map.entry(32, "MPV"), Map.entry(33, "MP2T"), Map.entry(34, "H263"));

    private Sdp() {
    }

    /**
     * The media of {@code sdp}: the first video track (which must be H264 or H265), the first
     * AAC audio track, and whether other audio exists.
     *
     * @throws StreamProbeException if there is no video track or its codec is not H264 or H265
     */
    public static SdpMedia parse(String sdp) throws StreamProbeException {
        List<Section> sections = sections(sdp);
        Section video = sections.stream().filter(s -> s.media.equals("video")).findFirst()
                .orElseThrow(() -> new StreamProbeException(StreamProbeException.Kind.NO_VIDEO, "the camera offers no video track"));
        String videoEncoding = video.encoding();
        VideoCodec codec = switch (videoEncoding) {
            case "H264" -> VideoCodec.H264;
            case "H265" -> VideoCodec.H265;
            default -> throw new StreamProbeException(StreamProbeException.Kind.UNSUPPORTED, "unsupported video codec " + videoEncoding
                    + ": only H264 and H265 can be recorded");
        };
        AacTrack aac = AacTrack.NONE;
        boolean otherAudio = false;
        for (Section section : sections) {
            if (!section.media.equals("audio")) {
                continue;
            }
            AacTrack found = aacTrack(section);
            if (found.present() && !aac.present()) {
                aac = found;
            } else if (!found.present()) {
                otherAudio = true;
            }
        }
        return new SdpMedia(codec, aac, otherAudio);
    }

    /**
     * The codec of the first audio track for people to read: {@code AAC} for both AAC payload
     * formats, {@code G.711 µ-law}/{@code G.711 A-law} for PCMU/PCMA, else the RTP encoding name
     * (e.g. {@code OPUS}); empty when there is no audio track.
     */
    public static Optional<String> audioCodec(String sdp) {
        return sections(sdp).stream().filter(s -> s.media.equals("audio")).findFirst().map(section -> {
            String encoding = section.encoding();
            return switch (encoding) {
                case "MPEG4-GENERIC", "MP4A-LATM" -> "AAC";
                case "PCMU" -> "G.711 µ-law";
                case "PCMA" -> "G.711 A-law";
                default -> encoding;
            };
        });
    }

    private static AacTrack aacTrack(Section section) {
        return switch (section.encoding()) {
            case "MPEG4-GENERIC" -> {
                String mode = section.fmtpParameter("mode").toLowerCase(Locale.ROOT);
                yield mode.equals("aac-hbr") || mode.equals("aac-lbr") ? AacTrack.MPEG4_GENERIC : AacTrack.NONE;
            }
            case "MP4A-LATM" -> AacTrack.MP4A_LATM;
            default -> AacTrack.NONE;
        };
    }

    private static List<Section> sections(String sdp) {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                current = Section.of(line.substring(2));
                sections.add(current);
            } else if (current != null && line.startsWith("a=rtpmap:")) {
                current.attribute(line.substring("a=rtpmap:".length()), current.rtpmap);
            } else if (current != null && line.startsWith("a=fmtp:")) {
                current.attribute(line.substring("a=fmtp:".length()), current.fmtp);
            }
        }
        return sections;
    }

    /** One {@code m=} section: media type, its first payload type and the attributes of its payload types. */
    private static final class Section {
        final String media;
        final String payloadType;
        final Map<String, String> rtpmap = new HashMap<>();
        final Map<String, String> fmtp = new HashMap<>();

        private Section(String media, String payloadType) {
            this.media = media;
            this.payloadType = payloadType;
        }

        /** {@code <media> <port> <proto> <fmt> ...} */
        static Section of(String description) {
            String[] fields = description.trim().split("\\s+");
            String media = fields[0].toLowerCase(Locale.ROOT);
            return new Section(media, fields.length > 3 ? fields[3] : "");
        }

        /** {@code <payload type> <value>} into {@code target}. */
        void attribute(String value, Map<String, String> target) {
            String[] parts = value.trim().split("\\s+", 2);
            if (parts.length == 2) {
                target.putIfAbsent(parts[0], parts[1].trim());
            }
        }

        /** The upper-case encoding name of the first payload type, e.g. {@code H264}. */
        String encoding() {
            String map = rtpmap.get(payloadType);
            if (map != null) {
                return map.split("/", 2)[0].trim().toUpperCase(Locale.ROOT);
            }
            try {
                String known = STATIC_PAYLOADS.get(Integer.parseInt(payloadType));
                return known != null ? known : "with payload type " + payloadType + " and no rtpmap";
            } catch (NumberFormatException e) {
                return "with payload type '" + payloadType + "'";
            }
        }

        /** A {@code key=value} of the fmtp line of the first payload type; empty when absent. */
        String fmtpParameter(String key) {
            String line = fmtp.getOrDefault(payloadType, "");
            for (String parameter : line.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase(key)) {
                    return pair[1].trim();
                }
            }
            return "";
        }
    }
}
