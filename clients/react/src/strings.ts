// The components' words in English and Chinese. An app passes `locale` for one of these, or `strings` to
// replace any of them (its own language, its own wording); functions take the numbers they put in a sentence.

import type { ConnectionStatusValue } from 'maoocr-client';

export type Locale = 'en' | 'zh';

export interface MaoOCRStrings {
  status: Record<ConnectionStatusValue, string>;
  /** "Reconnecting (attempt 2 of 5)" while the client retries. */
  reconnectAttempt: (attempt: number, maxAttempts: number | undefined) => string;
  reconnect: string;
  connectionLabel: string;
  progressLabel: string;
  stage: (stage: string) => string;
  queuePosition: (ahead: number) => string;
  pageOf: (page: number, pages: number) => string;
  resultLabel: string;
  linesLabel: string;
  confidence: (percent: number) => string;
  lineCount: (count: number) => string;
  copyText: string;
  copied: string;
  copyFailed: string;
  downloadText: string;
  downloadPdf: string;
  pagesLabel: string;
  previousPage: string;
  nextPage: string;
  pageLabel: (page: number, pages: number) => string;
  source: (source: 'ocr' | 'text_layer') => string;
  noText: string;
}

const en: MaoOCRStrings = {
  status: {
    disconnected: 'Disconnected',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    error: 'Cannot reach the appliance',
  },
  reconnectAttempt: (attempt, max) => (max ? `Reconnecting (attempt ${attempt} of ${max})…` : `Reconnecting (attempt ${attempt})…`),
  reconnect: 'Reconnect',
  connectionLabel: 'Connection to the OCR appliance',
  progressLabel: 'Recognition progress',
  stage: (stage) => ({
    queued: 'Queued',
    decode: 'Reading the file',
    detection: 'Finding text',
    classification: 'Checking orientation',
    recognition: 'Reading text',
    done: 'Done',
  })[stage] ?? stage,
  queuePosition: (ahead) => (ahead === 0 ? 'next in line' : `${ahead} ahead`),
  pageOf: (page, pages) => `page ${page} of ${pages}`,
  resultLabel: 'Recognition result',
  linesLabel: 'Recognised lines',
  confidence: (percent) => `${percent}% confidence`,
  lineCount: (count) => (count === 1 ? '1 line' : `${count} lines`),
  copyText: 'Copy text',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  downloadText: 'Download text',
  downloadPdf: 'Download searchable PDF',
  pagesLabel: 'Pages',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pageLabel: (page, pages) => `Page ${page} / ${pages}`,
  source: (source) => (source === 'ocr' ? 'read by OCR' : 'text layer of the PDF'),
  noText: 'No text found.',
};

const zh: MaoOCRStrings = {
  status: {
    disconnected: '未连接',
    connecting: '正在连接…',
    connected: '已连接',
    reconnecting: '正在重新连接…',
    error: '无法连接到识别设备',
  },
  reconnectAttempt: (attempt, max) => (max ? `正在重新连接（第 ${attempt} 次，共 ${max} 次）…` : `正在重新连接（第 ${attempt} 次）…`),
  reconnect: '重新连接',
  connectionLabel: '与识别设备的连接',
  progressLabel: '识别进度',
  stage: (stage) => ({
    queued: '排队中',
    decode: '读取文件',
    detection: '检测文字',
    classification: '判断方向',
    recognition: '识别文字',
    done: '完成',
  })[stage] ?? stage,
  queuePosition: (ahead) => (ahead === 0 ? '下一个' : `前面还有 ${ahead} 个`),
  pageOf: (page, pages) => `第 ${page} 页，共 ${pages} 页`,
  resultLabel: '识别结果',
  linesLabel: '识别出的文字行',
  confidence: (percent) => `置信度 ${percent}%`,
  lineCount: (count) => `${count} 行`,
  copyText: '复制文字',
  copied: '已复制',
  copyFailed: '复制失败',
  downloadText: '下载文字',
  downloadPdf: '下载可搜索 PDF',
  pagesLabel: '页面',
  previousPage: '上一页',
  nextPage: '下一页',
  pageLabel: (page, pages) => `第 ${page} / ${pages} 页`,
  source: (source) => (source === 'ocr' ? 'OCR 识别' : 'PDF 自带文字层'),
  noText: '没有找到文字。',
};

export const STRINGS: Readonly<Record<Locale, MaoOCRStrings>> = { en, zh };

/** The locale's strings with the app's own over them; an unknown locale falls back to English. */
export function resolveStrings(locale: Locale | undefined, overrides: Partial<MaoOCRStrings> | undefined): MaoOCRStrings {
  const base = STRINGS[locale ?? 'en'] ?? en;
  return overrides ? { ...base, ...overrides } : base;
}
