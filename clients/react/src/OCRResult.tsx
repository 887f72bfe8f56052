// A result: the image with each line's box drawn over it (SVG in the image's own pixels, so the boxes scale
// with the picture), the lines with their confidences (focusing or pointing at a line outlines its box),
// copy and download of the text, the searchable PDF when one was asked for, and a page switcher for a PDF.
//
// The lines are one Tab stop with a roving tabindex: a page can have hundreds of lines, and a Tab stop for each
// would make the keyboard user tab through all of them to reach whatever follows. Inside the list, the arrow
// keys, Home and End move between lines; the line last visited stays the Tab stop.

import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { OCRImageResult, OCRPage, OCRResult as OCRResultData } from 'maoocr-client';
import { resolveStrings, type Locale, type MaoOCRStrings } from './strings.js';

export interface OCRResultProps {
  /** recognize()'s result: an image's (lines, width, height) or a PDF's (pages). */
  result: OCRResultData;
  /** The image that was read (the File, a Blob or a URL), shown under the boxes; a PDF is not drawn. */
  image?: Blob | string | null;
  /** The downloads' base name: NAME.txt and NAME-searchable.pdf. Default "maoocr". */
  fileName?: string;
  locale?: Locale;
  strings?: Partial<MaoOCRStrings>;
  className?: string;
}

type View = Pick<OCRImageResult, 'text' | 'lines' | 'width' | 'height'> & Partial<Pick<OCRPage, 'page' | 'source'>>;

/** The pages to show: a PDF's, or the image as the one page. */
function viewsOf(result: OCRResultData): View[] {
  if (result.pages && result.pages.length > 0) return result.pages;
  return [{ text: result.text, lines: result.lines ?? [], width: result.width ?? 0, height: result.height ?? 0 }];
}

function isPdf(image: Blob | string | null | undefined): boolean {
  return typeof image === 'object' && image !== null && image.type === 'application/pdf';
}

/** A blob's object URL for as long as the component shows it. */
function useObjectUrl(image: Blob | string | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(typeof image === 'string' ? image : null);
  useEffect(() => {
    if (!image || isPdf(image)) { setUrl(null); return undefined; }
    if (typeof image === 'string') { setUrl(image); return undefined; }
    const objectUrl = URL.createObjectURL(image);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [image]);
  return url;
}

function saveAs(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download by now; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(href), 0);
}

export function OCRResult({ result, image, fileName = 'maoocr', locale, strings, className }: OCRResultProps) {
  const t = resolveStrings(locale, strings);
  const views = viewsOf(result);
  const [pageIndex, setPageIndex] = useState(0);
  const [active, setActive] = useState<number | null>(null);
  const [tabStop, setTabStop] = useState(0);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const imageUrl = useObjectUrl(result.pages ? null : image);

  // A new result starts on its first page with nothing highlighted.
  useEffect(() => { setPageIndex(0); setActive(null); setTabStop(0); setCopyState('idle'); }, [result]);

  const index = Math.min(pageIndex, views.length - 1);
  const view = views[index];
  const multiPage = views.length > 1 || Boolean(result.pages);

  const previousButton = useRef<HTMLButtonElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useRef<RefObject<HTMLButtonElement | null> | null>(null);
  const goTo = (next: number) => {
    const target = Math.max(0, Math.min(views.length - 1, next));
    setPageIndex(target);
    setActive(null);
    setTabStop(0);
    // A button that becomes disabled loses the focus; hand it to the other one, once rendered enabled, so the
    // keyboard stays in the pager.
    if (target === views.length - 1 && document.activeElement === nextButton.current) focusAfterRender.current = previousButton;
    if (target === 0 && document.activeElement === previousButton.current) focusAfterRender.current = nextButton;
  };
  useEffect(() => {
    focusAfterRender.current?.current?.focus();
    focusAfterRender.current = null;
  }, [index]);
  const onPagerKey = (event: KeyboardEvent<HTMLElement>) => {
    const target = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: views.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    goTo(target);
  };
  const lineList = useRef<HTMLOListElement>(null);
  // Clamped, so that a shorter result or page than the last still has its Tab stop.
  const tabbableLine = Math.max(0, Math.min(tabStop, view.lines.length - 1));
  const onLinesKey = (event: KeyboardEvent<HTMLOListElement>) => {
    const lines = lineList.current?.querySelectorAll<HTMLLIElement>(':scope > li');
    if (!lines || lines.length === 0) return;
    const current = [...lines].indexOf(document.activeElement as HTMLLIElement);
    const from = current >= 0 ? current : tabbableLine;
    const target = { ArrowDown: from + 1, ArrowUp: from - 1, Home: 0, End: lines.length - 1 }[event.key];
    if (target === undefined) return;
    // The page must not scroll as well: the focused line is scrolled into view by the browser.
    event.preventDefault();
    // Focusing the line makes it the Tab stop and highlights its box (onFocus).
    lines[Math.max(0, Math.min(lines.length - 1, target))].focus();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(result.text);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };

  return (
    <section className={['maoocr-result', className].filter(Boolean).join(' ')} aria-label={t.resultLabel}>
      {multiPage && (
        <nav className="maoocr-pager" aria-label={t.pagesLabel} onKeyDown={onPagerKey}>
          <button ref={previousButton} type="button" className="maoocr-button" onClick={() => goTo(index - 1)} disabled={index === 0}>{t.previousPage}</button>
          <span className="maoocr-pager__label" aria-live="polite">{t.pageLabel(index + 1, views.length)}</span>
          <button ref={nextButton} type="button" className="maoocr-button" onClick={() => goTo(index + 1)} disabled={index === views.length - 1}>{t.nextPage}</button>
          {view.source && <span className="maoocr-pager__source">{t.source(view.source)}</span>}
        </nav>
      )}
      {view.width > 0 && view.height > 0 && (
        <figure className="maoocr-result__figure">
          {imageUrl && <img className="maoocr-result__image" src={imageUrl} alt="" width={view.width} height={view.height} />}
          <svg
            className={imageUrl ? 'maoocr-result__boxes maoocr-result__boxes--over' : 'maoocr-result__boxes'}
            viewBox={`0 0 ${view.width} ${view.height}`}
            preserveAspectRatio="none"
            aria-hidden="true"
          >
            {!imageUrl && <rect className="maoocr-result__sheet" x={0} y={0} width={view.width} height={view.height} />}
            {view.lines.map((line, i) => (
              <polygon
                key={i}
                className={i === active ? 'maoocr-result__box maoocr-result__box--active' : 'maoocr-result__box'}
                points={line.box.map(([x, y]) => `${x},${y}`).join(' ')}
              />
            ))}
          </svg>
        </figure>
      )}
      <div className="maoocr-result__actions">
        <button type="button" className="maoocr-button" onClick={copy}>{t.copyText}</button>
        <button type="button" className="maoocr-button" onClick={() => saveAs(new Blob([result.text], { type: 'text/plain;charset=utf-8' }), `${fileName}.txt`)}>
          {t.downloadText}
        </button>
        {result.searchablePdf && (
          <button type="button" className="maoocr-button" onClick={() => saveAs(result.searchablePdf!, `${fileName}-searchable.pdf`)}>
            {t.downloadPdf}
          </button>
        )}
        <span className="maoocr-result__copy-state" role="status" aria-live="polite">
          {copyState === 'copied' ? t.copied : copyState === 'failed' ? t.copyFailed : ''}
        </span>
      </div>
      <p className="maoocr-result__count">{t.lineCount(view.lines.length)}</p>
      {view.lines.length === 0 ? (
        <p className="maoocr-result__empty">{t.noText}</p>
      ) : (
        <ol ref={lineList} className="maoocr-result__lines" aria-label={t.linesLabel} onKeyDown={onLinesKey} onMouseLeave={() => setActive(null)}>
          {view.lines.map((line, i) => {
            const percent = Math.round(line.confidence * 100);
            return (
              <li
                key={i}
                className={i === active ? 'maoocr-result__line maoocr-result__line--active' : 'maoocr-result__line'}
                tabIndex={i === tabbableLine ? 0 : -1}
                onFocus={() => { setActive(i); setTabStop(i); }}
                onBlur={() => setActive(null)}
                onMouseEnter={() => setActive(i)}
              >
                <span className="maoocr-result__text">{line.text}</span>
                <span className="maoocr-result__confidence" aria-hidden="true">{percent}%</span>
                <span className="maoocr-visually-hidden">, {t.confidence(percent)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
