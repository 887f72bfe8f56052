// The last results, kept in this browser (localStorage), newest first.

const KEY = 'maoocr.history.v1';

/** How many results are kept: enough for a working session, small enough for localStorage's ~5 MB. */
export const HISTORY_LIMIT = 12;

export function loadHistory() {
  try {
    const items = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(items) ? items.filter((i) => i && i.id && i.result) : [];
  } catch {
    return []; // Storage off (private mode) or damaged: start empty rather than fail.
  }
}

/** Saves `items` (newest first, at most HISTORY_LIMIT); drops the oldest while the browser's quota is exceeded. */
export function saveHistory(items) {
  let kept = items.slice(0, HISTORY_LIMIT);
  while (true) {
    try {
      localStorage.setItem(KEY, JSON.stringify(kept));
      return kept.length;
    } catch {
      if (kept.length === 0) return 0;
      kept = kept.slice(0, -1);
    }
  }
}

export function clearHistory() {
  try { localStorage.removeItem(KEY); } catch { /* storage off */ }
}
