// One request's progress: a progress bar with its value for assistive technology, the stage in words, the
// queue position while queued, and "page k of n" for a PDF.
//
// Only the words (stage, queue position, page) are in the live region. The percent changes many times a second
// during a request; in the live region, or in the progressbar's aria-valuetext, every change would be read out
// and a screen reader would queue announcements faster than it can speak them. The percent is aria-valuenow,
// which a user hears when they move to the bar, and it is shown beside the words for sighted users.

import type { RequestProgress } from './useMaoOCR.js';
import { resolveStrings, type Locale, type MaoOCRStrings } from './strings.js';

export interface OCRProgressProps {
  /** useMaoOCR's `progress`, or one event from recognize()'s onProgress; null renders only the (empty, hidden) live region. */
  progress: RequestProgress | null | undefined;
  locale?: Locale;
  strings?: Partial<MaoOCRStrings>;
  className?: string;
}

export function OCRProgress({ progress, locale, strings, className }: OCRProgressProps) {
  const classes = ['maoocr-progress', className].filter(Boolean).join(' ');
  // Before the first event the live region is already there, empty and out of sight: many screen readers announce
  // only changes to a region that existed before, so one rendered together with its first words would stay silent.
  // The bar takes slot 0 whether or not it is rendered, so React keeps this very element when progress arrives.
  if (!progress) {
    return (
      <div className={`${classes} maoocr-progress--idle`}>
        {null}
        <p className="maoocr-progress__text"><span aria-live="polite" /></p>
      </div>
    );
  }
  const t = resolveStrings(locale, strings);
  const percent = Math.max(0, Math.min(100, Math.round(progress.progress)));
  const parts = [t.stage(progress.stage)];
  if (progress.stage === 'queued' && progress.queuePosition !== undefined) parts.push(t.queuePosition(progress.queuePosition));
  if (progress.page && progress.pages) parts.push(t.pageOf(progress.page, progress.pages));
  const announcement = parts.join(' · ');
  return (
    <div className={classes} data-stage={progress.stage}>
      <div
        className="maoocr-progress__bar"
        role="progressbar"
        aria-label={t.progressLabel}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="maoocr-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="maoocr-progress__text">
        <span aria-live="polite">{announcement}</span>
        {/* The progressbar already gives the value to assistive technology. */}
        <span aria-hidden="true"> — {percent}%</span>
      </p>
    </div>
  );
}
