// Lists that reach the end: the first page of a cursor-paged list, and more on request. A list
// never stops silently at a fixed size; the count shown says how many are loaded so far.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { get, items, qs } from '../api.js';

/**
 * {items, data, loading, error, hasMore, more(), loadingMore, reload()}: pages of `path` with `params`, `limit`
 * at a time. A change in `deps` starts again; `refresh` (e.g. a live tick) reloads as many
 * items as were shown, so a partner reading page three is not thrown back to page one.
 */
export function useCursorList(path, params, deps, { limit = 50, refresh } = {}) {
  const [state, setState] = useState({ items: [], cursor: null, loading: true, loadingMore: false, error: null, loaded: false });
  const shown = useRef(0);
  const [n, setN] = useState(0);
  const key = JSON.stringify([path, params, ...deps]);
  const lastKey = useRef(key);
  useEffect(() => {
    let live = true;
    const restart = lastKey.current !== key;
    lastKey.current = key;
    if (restart) shown.current = 0;
    const want = Math.min(Math.max(shown.current, limit), 500);
    setState((s) => ({ ...s, loading: true, error: null, ...(restart ? { items: [], loaded: false } : {}) }));
    get(`${path}${qs({ ...params, limit: want })}`)
      .then((reply) => {
        if (!live) return;
        const rows = items(reply);
        shown.current = rows.length;
        setState({ items: rows, cursor: reply && reply.next_cursor, loading: false, loadingMore: false, error: null, loaded: true });
      })
      .catch((error) => { if (live) setState((s) => ({ ...s, loading: false, error })); });
    return () => { live = false; };
  }, [key, refresh, n]);
  const more = async () => {
    if (!state.cursor || state.loadingMore) return;
    setState((s) => ({ ...s, loadingMore: true, error: null }));
    try {
      const reply = await get(`${path}${qs({ ...params, limit, cursor: state.cursor })}`);
      setState((s) => {
        const rows = [...s.items, ...items(reply)];
        shown.current = rows.length;
        return { ...s, items: rows, cursor: reply && reply.next_cursor, loadingMore: false };
      });
    } catch (error) {
      setState((s) => ({ ...s, loadingMore: false, error }));
    }
  };
  const reload = () => setN((x) => x + 1);
  return { ...state, data: state.loaded ? state.items : undefined, hasMore: !!state.cursor, more, reload };
}

/** While the server has more: how many are shown, and a button that loads the next page. */
export function MoreButton({ list }) {
  if (!list.loaded || !list.hasMore) return null;
  return (
    <div class="list-more no-print">
      <p class="muted" role="status">{t('list.shown_more', { count: list.items.length })}</p>
      <button type="button" class="button button-secondary" onClick={list.more} disabled={list.loadingMore}>{t('list.more')}</button>
    </div>
  );
}
