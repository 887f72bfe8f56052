// maoocr-react: the hook, the three components and their types. The stylesheet is maoocr-react/styles.css.
export { useMaoOCR } from './useMaoOCR.js';
export type { MaoOCRConnection, RecognizeOptions, RequestProgress, UseMaoOCROptions } from './useMaoOCR.js';
export { ConnectionStatus } from './ConnectionStatus.js';
export type { ConnectionStatusProps } from './ConnectionStatus.js';
export { OCRProgress } from './OCRProgress.js';
export type { OCRProgressProps } from './OCRProgress.js';
export { OCRResult } from './OCRResult.js';
export type { OCRResultProps } from './OCRResult.js';
export { acquireConnection, releaseConnection, sharedConnections } from './connections.js';
export { STRINGS, resolveStrings } from './strings.js';
export type { Locale, MaoOCRStrings } from './strings.js';
export type {
  ConnectionStatusValue,
  ImageInput,
  OCRLine,
  OCRPage,
  OCRProgress as OCRProgressEvent,
  OCRRequirements,
  OCRResult as OCRResultData,
  StatusDetail,
} from 'maoocr-client';
