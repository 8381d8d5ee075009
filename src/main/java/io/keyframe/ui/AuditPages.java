package io.keyframe.ui;

import io.keyframe.retention.control.CleanupAudit;
import io.keyframe.retention.control.StorageQueries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The cleanup audit as a lazy, paged table, newest first, filtered by camera and reason. Pages are
 * read with the audit's keyset cursor ({@link CleanupAudit.Cursor}), as {@code GET /cleanup/audit}
 * does: the cursor after each page read is kept, so the next page costs one index range scan. A
 * page whose start is not known yet (a jump) is reached by reading the pages before it.
 */
public class AuditPages extends LazyDataModel<CleanupAudit.Entry> {

    private static final long serialVersionUID = 1L;
    /** The total shown under the table stops counting here. */
    static final int COUNT_CAP = 100_000;

    private final StorageQueries queries;
    private String camera;
    private String reason;
    /** Row offset of a page start → cursor after the row before it (absent for offset 0). */
    private final Map<Integer, CleanupAudit.Cursor> cursors = new HashMap<>();
    private int cursorPageSize;

    AuditPages(StorageQueries queries) {
        this.queries = queries;
    }

    /** New filters (null for all); the known cursors belong to the old ones. */
    void filter(String camera, String reason) {
        this.camera = camera;
        this.reason = reason;
        cursors.clear();
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) queries.auditCount(query(null, 0), COUNT_CAP);
    }

    @Override
    public List<CleanupAudit.Entry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                         Map<String, FilterMeta> filterBy) {
        if (pageSize != cursorPageSize) {
            cursors.clear();
            cursorPageSize = pageSize;
        }
        int start = 0;
        for (int known : cursors.keySet()) {
            if (known <= first && known > start) {
                start = known;
            }
        }
        List<CleanupAudit.Entry> page;
        do {
            page = queries.audit(query(start == 0 ? null : cursors.get(start), pageSize));
            if (page.size() == pageSize) {
                CleanupAudit.Entry last = page.get(page.size() - 1);
                cursors.put(start + pageSize, new CleanupAudit.Cursor(last.at(), last.id()));
            }
            if (start == first || page.size() < pageSize) {
                break;
            }
            start += pageSize;
        } while (start <= first);
        return start == first ? page : List.of();
    }

    private CleanupAudit.Query query(CleanupAudit.Cursor after, int limit) {
        return new CleanupAudit.Query(camera, null, null, reason, after, limit);
    }

    @Override
    public String getRowKey(CleanupAudit.Entry entry) {
        return Long.toString(entry.id());
    }

    @Override
    public CleanupAudit.Entry getRowData(String rowKey) {
        for (CleanupAudit.Entry entry : getWrappedData()) {
            if (getRowKey(entry).equals(rowKey)) {
                return entry;
            }
        }
        return null;
    }
}
