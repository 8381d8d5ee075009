package io.keyframe.ui;

import io.keyframe.event.control.EventStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Pages of {@code EventStore.list} (the query of {@code GET /events}, newest first) for a lazy
 * table. The store pages by keyset (events older than an id), so the model remembers the last id
 * before each page it has seen; a jump further ahead reads on from the nearest one it knows.
 */
final class EventsLazyModel extends LazyDataModel<EventRow> {

    private static final long serialVersionUID = 1L;

    /** The filter: the store's query without cursor and limit. */
    record Filter(String cameraId, Instant from, Instant to, String eventType) implements java.io.Serializable {
        EventStore.Query query(Long afterId, int limit) {
            return new EventStore.Query(cameraId, from, to, eventType, afterId, limit);
        }
    }

    /** A client proxy of an application-scoped bean: serializable with the view. */
    private final EventListing listing;
    private final Filter filter;
    /** Row offset → id of the row just before it (null for offset 0). */
    private final TreeMap<Integer, Long> cursors = new TreeMap<>();

    EventsLazyModel(Filter filter, EventListing listing) {
        this.filter = filter;
        this.listing = listing;
        cursors.put(0, null);
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, listing.count(filter.query(null, 1)));
    }

    @Override
    public List<EventRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        Map.Entry<Integer, Long> known = cursors.floorEntry(first);
        int skip = first - known.getKey();
        List<EventRow> page = listing.page(filter.query(known.getValue(), skip + pageSize), skip);
        if (page.size() == pageSize) {
            cursors.put(first + pageSize, page.get(pageSize - 1).id());
        }
        return page;
    }

    @Override
    public String getRowKey(EventRow row) {
        return Long.toString(row.id());
    }

    @Override
    public EventRow getRowData(String rowKey) {
        List<EventRow> current = getWrappedData();
        return current == null ? null : current.stream().filter(r -> getRowKey(r).equals(rowKey)).findFirst().orElse(null);
    }

    Filter filter() {
        return filter;
    }
}
