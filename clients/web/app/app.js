// The MaoOCR Edge web app: pick, photograph, drop or paste images, or pick and drop PDFs; each one is read over
// the appliance's WebSocket with live progress (page by page for a PDF); results show the image with its text
// boxes (a PDF: its pages one at a time, each page's text and lines), the lines with confidences, copy and
// download (text, JSON, a searchable PDF), and the last results stay in this browser.
import { ConnectionStatus, MaoOCRError, OCRRequestData, webSocketManager } from '/js/maoocr-client.js';
import { HISTORY_LIMIT, clearHistory, loadHistory, saveHistory } from './history-store.js';
import { describeError, t, translatePage } from './i18n.js';
import { scaledDataUrl } from './images.js';

/** Retries of a request answered `busy` (the appliance still warming up, or its queue full). */
const BUSY_RETRIES = 3;
const THUMB_SIDE = 112;
const PREVIEW_SIDE = 1280;
const SVG = 'http://www.w3.org/2000/svg';
/** The list's thumbnail of a PDF, which the browser is not asked to render. */
const PDF_THUMB = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 56 56">'
  + '<rect width="56" height="56" fill="#e8efff"/><path d="M17 9h16l9 9v29H17z" fill="#fff" stroke="#2563eb" stroke-width="2" stroke-linejoin="round"/>'
  + '<path d="M33 9v9h9" fill="none" stroke="#2563eb" stroke-width="2" stroke-linejoin="round"/>'
  + '<text x="29.5" y="38" font-family="system-ui,sans-serif" font-size="10" font-weight="700" fill="#1d4ed8" text-anchor="middle">PDF</text></svg>')}`;

const $ = (id) => document.getElementById(id);
const ui = {
  connection: $('connection'), statusText: $('status-text'), reconnect: $('reconnect'),
  cameraInput: $('camera-input'), fileInput: $('file-input'), dropzone: $('dropzone'), dropHint: $('drop-hint'), veil: $('drop-veil'),
  language: $('language'), accuracy: $('accuracy'), alert: $('alert'),
  jobs: $('jobs'), jobsEmpty: $('jobs-empty'), clearHistory: $('clear-history'),
  result: $('result'), resultEmpty: $('result-empty'), resultBody: $('result-body'), resultActions: $('result-actions'),
  imageFrame: $('image-frame'), image: $('result-image'), overlay: $('overlay'), pageText: $('page-text'), meta: $('result-meta'), lines: $('lines'),
  pager: $('pager'), pagePrevious: $('page-prev'), pageNext: $('page-next'), pageLabel: $('page-label'),
  copy: $('copy'), downloadTxt: $('download-txt'), downloadJson: $('download-json'), downloadPdf: $('download-pdf'),
};

const params = new URLSearchParams(location.search);
const service = webSocketManager.getService(undefined, params.get('token') ? { token: params.get('token') } : {});

/** Every entry: this session's jobs and the stored history, newest first. */
let entries = loadHistory().map((item) => ({ ...item, state: 'done' }));
let selectedId = entries[0]?.id ?? null;
/** The newest job the user started, which takes the result view when it finishes. */
let latestStartedId = null;
let jobCounter = 0;

// ---- connection ---------------------------------------------------------------------------------

function showStatus(status, detail = {}) {
  ui.connection.dataset.status = status;
  ui.statusText.textContent = status === ConnectionStatus.RECONNECTING && detail.attempt
    ? t('status.reconnectingIn', { attempt: detail.attempt, max: service.options.maxReconnectAttempts })
    : t(`status.${status}`);
  ui.reconnect.hidden = status !== ConnectionStatus.ERROR && status !== ConnectionStatus.DISCONNECTED;
  // Requests in flight when the connection drops are sent again after it: show them waiting, from 0.
  for (const entry of entries) {
    if (!isWorking(entry)) continue;
    if (!service.isConnected()) updateEntry(entry, { state: 'waiting', stage: null, progress: 0 });
    else if (entry.state === 'waiting') updateEntry(entry, { state: 'sending' });
  }
}

function connect() {
  service.connect().catch(() => { /* the status shows it; Reconnect tries again */ });
}

service.onStatusChange(showStatus);
// The status stays `reconnecting` from one attempt to the next: each attempt brings its own count.
service.onReconnectAttempt((detail) => showStatus(service.status, detail));
ui.reconnect.addEventListener('click', connect);
window.addEventListener('online', () => { if (!service.isConnected()) connect(); });
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && service.status === ConnectionStatus.ERROR) connect();
});

// ---- taking images in ---------------------------------------------------------------------------

function requirements() {
  return { language: ui.language.value, accuracy_requirement: ui.accuracy.value, document_type: 'web' };
}

function isPdf(file) {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name ?? '');
}

function isReadable(file) {
  // Some phones give HEIC or camera files no type; the appliance names what it cannot read.
  return !file.type || file.type.startsWith('image/') || isPdf(file);
}

function addFiles(files) {
  const list = [...files];
  if (list.length === 0) return;
  hideAlert();
  const rejected = list.filter((f) => !isReadable(f));
  if (rejected.length > 0) showAlert(rejected.map((f) => t('error.not_image', { name: f.name })).join(' '));
  for (const file of list.filter(isReadable)) startJob(file);
}

for (const input of [ui.cameraInput, ui.fileInput]) {
  input.addEventListener('change', () => {
    addFiles(input.files);
    input.value = '';
  });
}

document.addEventListener('paste', (event) => {
  const files = [...(event.clipboardData?.items ?? [])].filter((i) => i.kind === 'file' && i.type.startsWith('image/')).map((i) => i.getAsFile());
  if (files.length === 0) return;
  event.preventDefault();
  addFiles(files.map((f, n) => (f.name && f.name !== 'image.png' ? f : new File([f], `${t('pasted')} ${n + 1}.${f.type.split('/')[1] || 'png'}`, { type: f.type }))));
});

let dragDepth = 0;
const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
window.addEventListener('dragenter', (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  dragDepth += 1;
  ui.veil.classList.add('visible');
  ui.dropzone.classList.add('active');
});
window.addEventListener('dragover', (event) => { if (carriesFiles(event)) event.preventDefault(); });
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) endDrag();
});
window.addEventListener('drop', (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  endDrag();
  addFiles(event.dataTransfer.files);
});
function endDrag() {
  dragDepth = 0;
  ui.veil.classList.remove('visible');
  ui.dropzone.classList.remove('active');
}

// ---- jobs ---------------------------------------------------------------------------------------

async function startJob(file) {
  const pdf = isPdf(file);
  const entry = {
    id: `job-${Date.now().toString(36)}-${++jobCounter}`,
    name: file.name || `${t('photo')} ${jobCounter}`,
    createdAt: Date.now(),
    state: service.isConnected() ? 'sending' : 'waiting',
    stage: null, progress: 0, queuePosition: null, page: null, pages: null, pageIndex: 0,
    // A PDF is not shown in an <img>: no object URL, an icon for a thumbnail.
    objectUrl: pdf ? null : URL.createObjectURL(file),
    thumb: pdf ? PDF_THUMB : null, preview: null, result: null, error: null,
    // Kept for "Try again" and the searchable PDF in this session only; the history stores the result, never the file.
    file,
    // The searchable PDF is asked for with the same options, so its text is the text shown.
    requirements: requirements(),
  };
  entries.unshift(entry);
  renderList();
  if (!pdf) scaledDataUrl(file, THUMB_SIDE, 0.7).then((thumb) => updateEntry(entry, { thumb }), () => {});
  await runJob(entry);
}

async function runJob(entry) {
  const { file } = entry;
  latestStartedId = entry.id;
  updateEntry(entry, { state: service.isConnected() ? 'sending' : 'waiting', stage: null, progress: 0, page: null, pages: null, error: null });
  if (service.status === ConnectionStatus.ERROR || service.status === ConnectionStatus.DISCONNECTED) connect();
  try {
    const result = await sendWithRetry(new OCRRequestData(file, entry.requirements),
      (p) => updateEntry(entry, { state: 'running', stage: p.stage, progress: p.progress, queuePosition: p.queuePosition ?? null, page: p.page ?? entry.page, pages: p.pages ?? entry.pages }),
      () => updateEntry(entry, { state: 'running', stage: 'retrying', progress: 0 }));
    let preview = null;
    if (!result.pages) {
      try { preview = await scaledDataUrl(file, PREVIEW_SIDE, 0.72); } catch { /* the object URL still shows it */ }
    }
    updateEntry(entry, { state: 'done', progress: 100, result, preview, pageIndex: 0 });
    persist();
    announce(`${t('done')}: ${entry.name}, ${lineSummary(result)}`);
    if (latestStartedId === entry.id || selectedId === null || selectedId === entry.id) select(entry.id, false);
    // On a phone the result is below the list: bring it up once the last photo taken is read.
    if (latestStartedId === entry.id && !entries.some(isWorking) && matchMedia('(max-width: 959px)').matches) {
      ui.result.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  } catch (error) {
    updateEntry(entry, { state: 'failed', error: describeError(error) });
    announce(`${t('failed')}: ${entry.name}. ${describeError(error)}`);
  }
}

async function sendWithRetry(request, onProgress, onRetry = () => {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await service.sendOCRRequest(request, { onProgress });
    } catch (error) {
      if (!(error instanceof MaoOCRError) || error.code !== 'busy' || attempt >= BUSY_RETRIES) throw error;
      onRetry();
      await new Promise((r) => setTimeout(r, error.retryAfterMs ?? 2000));
    }
  }
}

function isWorking(entry) {
  return entry.state !== 'done' && entry.state !== 'failed';
}

function persist() {
  const done = entries.filter((e) => e.state === 'done' && e.result).slice(0, HISTORY_LIMIT);
  saveHistory(done.map(({ id, name, createdAt, thumb, preview, result }) => ({ id, name, createdAt, thumb, preview, result })));
  // Keep this session's unfinished jobs; let go of results beyond the limit.
  const keep = new Set(done.map((e) => e.id));
  for (const e of entries) if (e.state === 'done' && !keep.has(e.id) && e.objectUrl) URL.revokeObjectURL(e.objectUrl);
  entries = entries.filter((e) => e.state !== 'done' || keep.has(e.id));
  renderList();
}

function removeEntry(id) {
  const entry = entries.find((e) => e.id === id);
  if (!entry || (entry.state !== 'done' && entry.state !== 'failed')) return;
  if (entry.objectUrl) URL.revokeObjectURL(entry.objectUrl);
  entries = entries.filter((e) => e.id !== id);
  if (selectedId === id) selectedId = entries.find((e) => e.state === 'done')?.id ?? null;
  persist();
  renderResult();
}

ui.clearHistory.addEventListener('click', () => {
  if (!confirm(t('clearHistoryConfirm'))) return;
  clearHistory();
  for (const e of entries) if (e.state === 'done' && e.objectUrl) URL.revokeObjectURL(e.objectUrl);
  entries = entries.filter((e) => e.state !== 'done' && e.state !== 'failed');
  selectedId = null;
  renderList();
  renderResult();
});

// ---- the list -----------------------------------------------------------------------------------

const rows = new Map();

/** A PDF's pages; null for an image. The app sends one file per request; a batch from the API shows its first. */
function pagesOf(result) {
  const pages = result.pages ?? (result.lines ? null : result.results?.[0]?.pages);
  return pages?.length > 0 ? pages : null;
}

function countLines(result) {
  if (result.pages) return result.pages.reduce((s, p) => s + (p.lines?.length ?? 0), 0);
  return result.lines?.length ?? result.results?.reduce((s, r) => s + countLines(r), 0) ?? 0;
}

function lineSummary(result) {
  const n = countLines(result);
  const lines = n === 0 ? t('noText') : n === 1 ? t('oneLine') : t('lineCount', { n });
  const pages = pagesOf(result);
  if (!pages) return lines;
  return `${pages.length === 1 ? t('onePage') : t('pageCount', { n: pages.length })} · ${lines}`;
}

function stageText(entry) {
  if (entry.state === 'waiting') return t('stage.waiting');
  if (entry.state === 'sending') return t('stage.sending');
  if (entry.stage === 'queued' && entry.queuePosition > 0) return t('stage.queuedAt', { n: entry.queuePosition });
  const stage = t(`stage.${entry.stage ?? 'sending'}`);
  // A PDF is read a page at a time: "Reading text, page 3 of 12".
  return entry.page && entry.pages && entry.stage !== 'queued' && entry.stage !== 'retrying'
    ? t('stageOnPage', { stage, page: entry.page, pages: entry.pages }) : stage;
}

function createRow(entry) {
  const li = document.createElement('li');
  li.className = 'job';
  li.dataset.id = entry.id;
  li.innerHTML = `<img class="thumb" alt=""><button type="button" class="open"><span class="name"></span><span class="summary"></span>
    <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"><span></span></div></button>
    <div class="row-actions"><button type="button" class="retry"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5"/></svg></button>
    <button type="button" class="remove"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg></button></div>`;
  li.querySelector('.open').addEventListener('click', () => select(entry.id, true));
  li.querySelector('.retry').addEventListener('click', () => { if (entry.state === 'failed' && entry.file) runJob(entry); });
  li.querySelector('.remove').addEventListener('click', () => removeEntry(entry.id));
  return li;
}

function fillRow(li, entry) {
  li.dataset.state = entry.state;
  const open = li.querySelector('.open');
  open.querySelector('.name').textContent = entry.name;
  const summary = open.querySelector('.summary');
  const progress = open.querySelector('.progress');
  const working = isWorking(entry);
  progress.hidden = !working;
  if (working) {
    summary.textContent = `${stageText(entry)} · ${entry.progress}%`;
    progress.setAttribute('aria-valuenow', String(entry.progress));
    progress.setAttribute('aria-label', t('progressLabel', { name: entry.name }));
    progress.firstElementChild.style.width = `${Math.max(entry.progress, 4)}%`;
  } else if (entry.state === 'failed') {
    summary.textContent = entry.error;
  } else {
    const first = entry.result.text?.split('\n').find((l) => l.trim()) ?? '';
    summary.textContent = `${lineSummary(entry.result)}${first ? ` · ${first}` : ''}`;
  }
  open.setAttribute('aria-label', `${t('openResult', { name: entry.name })}: ${summary.textContent}`);
  open.disabled = entry.state !== 'done';
  const remove = li.querySelector('.remove');
  remove.hidden = working;
  remove.setAttribute('aria-label', `${t('remove')}: ${entry.name}`);
  const retry = li.querySelector('.retry');
  retry.hidden = entry.state !== 'failed' || !entry.file;
  retry.setAttribute('aria-label', `${t('retry')}: ${entry.name}`);
  retry.title = t('retry');
  const thumb = li.querySelector('.thumb');
  const src = entry.thumb ?? entry.objectUrl ?? '';
  if (src && thumb.getAttribute('src') !== src) thumb.src = src;
  if (entry.id === selectedId) li.setAttribute('aria-current', 'true');
  else li.removeAttribute('aria-current');
}

function renderList() {
  const seen = new Set();
  let previous = null;
  for (const entry of entries) {
    let li = rows.get(entry.id);
    if (!li) {
      li = createRow(entry);
      rows.set(entry.id, li);
    }
    fillRow(li, entry);
    const wanted = previous ? previous.nextSibling : ui.jobs.firstChild;
    if (li !== wanted) ui.jobs.insertBefore(li, wanted);
    previous = li;
    seen.add(entry.id);
  }
  for (const [id, li] of rows) {
    if (!seen.has(id)) {
      li.remove();
      rows.delete(id);
    }
  }
  ui.jobsEmpty.hidden = entries.length > 0;
  ui.clearHistory.hidden = !entries.some((e) => e.state === 'done' || e.state === 'failed');
}

function updateEntry(entry, changes) {
  Object.assign(entry, changes);
  const li = rows.get(entry.id);
  if (li) fillRow(li, entry);
}

// ---- the result view ----------------------------------------------------------------------------

function select(id, moveFocus) {
  selectedId = id;
  renderList();
  renderResult();
  if (moveFocus) {
    ui.result.focus({ preventScroll: true });
    if (matchMedia('(max-width: 959px)').matches) ui.result.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

function current() {
  return entries.find((e) => e.id === selectedId && e.state === 'done') ?? null;
}

function renderResult() {
  const entry = current();
  ui.resultEmpty.hidden = entry !== null;
  ui.resultBody.hidden = entry === null;
  ui.resultActions.hidden = entry === null;
  const pages = entry ? pagesOf(entry.result) : null;
  ui.pager.hidden = pages === null;
  if (!entry) return;
  const result = entry.result;
  // The searchable PDF is made from the file, which only this session holds (the history keeps results only).
  ui.downloadPdf.hidden = !entry.file;
  let page;
  if (pages) {
    entry.pageIndex = Math.min(Math.max(entry.pageIndex ?? 0, 0), pages.length - 1);
    page = pages[entry.pageIndex];
    ui.pageLabel.textContent = t('pageKofN', { k: entry.pageIndex + 1, n: pages.length });
    ui.pagePrevious.disabled = entry.pageIndex === 0;
    ui.pageNext.disabled = entry.pageIndex === pages.length - 1;
  } else {
    // A batch from the API carries results; the app sends one image per request, so take the first.
    page = result.lines ? result : result.results?.[0] ?? { lines: [], width: 1, height: 1 };
  }

  // An image shows with its boxes drawn over it; a PDF page shows its text (the browser does not render PDFs here).
  ui.imageFrame.hidden = pages !== null;
  ui.pageText.hidden = pages === null;
  if (pages) {
    ui.image.removeAttribute('src');
    ui.overlay.replaceChildren();
    ui.pageText.textContent = page.text || t('noText');
  } else {
    ui.image.src = entry.objectUrl ?? entry.preview ?? entry.thumb ?? '';
    ui.image.alt = t('imageAlt', { name: entry.name, n: page.lines.length });
    ui.overlay.setAttribute('viewBox', `0 0 ${page.width} ${page.height}`);
    ui.overlay.replaceChildren(...page.lines.map((line, i) => {
      const polygon = document.createElementNS(SVG, 'polygon');
      polygon.setAttribute('points', line.box.map(([x, y]) => `${x},${y}`).join(' '));
      polygon.dataset.index = String(i);
      polygon.classList.add('box');
      return polygon;
    }));
  }

  const meta = [lineSummary(result)];
  if (pages && page.source) meta.push(t(`source.${page.source}`));
  meta.push(`${page.width} × ${page.height}`);
  const timings = pages ? page.timings : result.timings;
  if (timings?.total_ms != null) meta.push(t('took', { ms: Math.round(timings.total_ms) }));
  ui.meta.replaceChildren(...meta.map((m) => Object.assign(document.createElement('span'), { textContent: m })));
  if (result.cached) ui.meta.append(Object.assign(document.createElement('span'), { className: 'tag', textContent: t('fromCache') }));

  ui.lines.replaceChildren(...page.lines.map((line, i) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'line';
    button.dataset.index = String(i);
    const percent = Math.round(line.confidence * 100);
    const level = line.confidence >= 0.9 ? '' : line.confidence >= 0.75 ? ' mid' : ' low';
    button.innerHTML = '<span class="number"></span><span class="text"></span><span class="confidence"></span>';
    button.querySelector('.number').textContent = String(i + 1);
    button.querySelector('.text').textContent = line.text;
    const badge = button.querySelector('.confidence');
    badge.className = `confidence${level}`;
    badge.textContent = `${percent}%`;
    badge.setAttribute('aria-label', t('confidence', { p: percent }));
    for (const type of ['mouseenter', 'focus']) button.addEventListener(type, () => highlight(i));
    for (const type of ['mouseleave', 'blur']) button.addEventListener(type, () => highlight(-1));
    button.addEventListener('click', () => highlight(i));
    li.append(button);
    return li;
  }));
  if (page.lines.length === 0) {
    ui.lines.append(Object.assign(document.createElement('li'), { className: 'empty', textContent: t('noText') }));
  }
}

function showPage(index) {
  const entry = current();
  const pages = entry ? pagesOf(entry.result) : null;
  if (!pages) return;
  entry.pageIndex = Math.min(Math.max(index, 0), pages.length - 1);
  renderResult();
  // A button that just became disabled cannot keep the focus: hand it to the other one.
  if (document.activeElement?.disabled) (ui.pagePrevious.disabled ? ui.pageNext : ui.pagePrevious).focus();
}

ui.pagePrevious.addEventListener('click', () => showPage((current()?.pageIndex ?? 0) - 1));
ui.pageNext.addEventListener('click', () => showPage((current()?.pageIndex ?? 0) + 1));
ui.pager.addEventListener('keydown', (event) => {
  const index = current()?.pageIndex ?? 0;
  const target = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: Number.MAX_SAFE_INTEGER }[event.key];
  if (target === undefined) return;
  event.preventDefault();
  showPage(target);
});

function highlight(index) {
  for (const p of ui.overlay.querySelectorAll('polygon')) p.classList.toggle('active', Number(p.dataset.index) === index);
  for (const b of ui.lines.querySelectorAll('.line')) b.classList.toggle('active', Number(b.dataset.index) === index);
}

ui.overlay.addEventListener('pointerdown', (event) => {
  const index = event.target?.dataset?.index;
  if (index === undefined) return;
  highlight(Number(index));
  ui.lines.querySelector(`.line[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
});

function baseName(name) {
  return name.replace(/\.[^.]+$/, '') || 'maoocr';
}

/** Saves `content` (text or a Blob) as the file `name`. */
function download(content, name, type) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

ui.downloadTxt.addEventListener('click', () => {
  const entry = current();
  if (entry) download(`${entry.result.text}\n`, `${baseName(entry.name)}.txt`, 'text/plain;charset=utf-8');
});
ui.downloadJson.addEventListener('click', () => {
  const entry = current();
  if (entry) download(`${JSON.stringify(entry.result, null, 2)}\n`, `${baseName(entry.name)}.json`, 'application/json');
});

// The searchable PDF is asked for over the WebSocket (output "pdf") rather than by POSTing the file to
// /api/ocr?output=pdf: the connection is already open and authorised (the token rides in its URL; a POST would
// need it as a header), the client library queues the request through reconnects and the app retries it when
// the appliance is busy, exactly as for reading; and an image's recognition comes from the appliance's result cache.
ui.downloadPdf.addEventListener('click', async () => {
  const entry = current();
  if (!entry?.file || ui.downloadPdf.getAttribute('aria-busy') === 'true') return;
  const label = ui.downloadPdf.querySelector('span');
  ui.downloadPdf.setAttribute('aria-busy', 'true');
  label.textContent = t('makingPdf');
  hideAlert();
  try {
    const result = await sendWithRetry(new OCRRequestData(entry.file, entry.requirements ?? requirements(), { output: 'pdf' }));
    download(result.searchablePdf, `${baseName(entry.name)}-searchable.pdf`, 'application/pdf');
    announce(t('pdfReady'));
  } catch (error) {
    showAlert(describeError(error));
  } finally {
    ui.downloadPdf.removeAttribute('aria-busy');
    label.textContent = t('downloadPdf');
  }
});

ui.copy.addEventListener('click', async () => {
  const entry = current();
  if (!entry) return;
  const label = ui.copy.querySelector('span');
  try {
    // The Clipboard API needs a secure context; a LAN page over plain HTTP falls back to execCommand.
    if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(entry.result.text);
    else copyWithSelection(entry.result.text);
    label.textContent = t('copied');
    announce(t('copied'));
  } catch (error) {
    showAlert(describeError(error));
  }
  setTimeout(() => { label.textContent = t('copy'); }, 1500);
});

function copyWithSelection(text) {
  const area = Object.assign(document.createElement('textarea'), { value: text, readOnly: true });
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

// ---- messages -----------------------------------------------------------------------------------

const announcer = Object.assign(document.createElement('div'), { className: 'visually-hidden' });
announcer.setAttribute('aria-live', 'polite');
document.body.append(announcer);

function announce(text) {
  announcer.textContent = '';
  setTimeout(() => { announcer.textContent = text; }, 50);
}

function showAlert(text) {
  ui.alert.textContent = text;
  ui.alert.hidden = false;
}

function hideAlert() {
  ui.alert.hidden = true;
}

// ---- start --------------------------------------------------------------------------------------

translatePage();
if (matchMedia('(pointer: coarse)').matches) {
  ui.dropHint.textContent = t('dropHintTouch');
} else {
  // With a mouse, picking files is the main way in; on a phone it is the camera.
  const camera = $('camera-pick'), choose = $('file-pick');
  camera.querySelector('label').classList.remove('primary');
  choose.querySelector('label').classList.add('primary');
  choose.parentElement.prepend(choose);
}
showStatus(service.status);
renderList();
renderResult();
connect();
document.body.dataset.ready = 'true';
