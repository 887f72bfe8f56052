// A complete real-time OCR page with maoocr-react: the connection, a file picker (images and PDFs), the
// request's progress and the result with its boxes. The appliance is ?server=ws://HOST:PORT/ws/ocr, else
// port 8080 of the host that served this page (which must be in the appliance's Server:AllowedOrigins).
import { useState, type ChangeEvent } from 'react';
import { ConnectionStatus, OCRProgress, OCRResult, useMaoOCR, type Locale, type OCRResultData } from 'maoocr-react';
import 'maoocr-react/styles.css';
import './app.css';

const server = new URLSearchParams(location.search).get('server') ?? `ws://${location.hostname}:8080/ws/ocr`;
const locale: Locale = navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
// Enough attempts (1 s doubling to 30 s) to ride out an appliance restart before offering the button.
const options = { maxReconnectAttempts: 10 };

const words = {
  en: { title: 'MaoOCR', pick: 'Choose an image or a PDF', searchable: 'Also make a searchable PDF', failed: 'Not read' },
  zh: { title: 'MaoOCR 文字识别', pick: '选择图片或 PDF', searchable: '同时生成可搜索 PDF', failed: '识别失败' },
}[locale];

export function App() {
  const ocr = useMaoOCR(server, options);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<OCRResultData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searchable, setSearchable] = useState(false);

  async function read(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = ''; // the same file can be chosen again
    if (!chosen) return;
    setFile(chosen);
    setResult(null);
    setError(null);
    try {
      setResult(await ocr.recognize(chosen, { language: 'auto' }, { output: searchable ? 'pdf' : 'json' }));
    } catch (e) {
      const failure = e as { code?: string; message?: string };
      setError(`${words.failed}: ${failure.code ?? 'error'} — ${failure.message ?? String(e)}`);
    }
  }

  return (
    <main className="app" lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <header className="app__header">
        <h1>{words.title}</h1>
        <ConnectionStatus
          status={ocr.status}
          detail={ocr.detail}
          maxReconnectAttempts={ocr.maxReconnectAttempts}
          onReconnect={ocr.reconnect}
          locale={locale}
        />
      </header>
      <section className="app__picker">
        <label className="app__file">
          <span>{words.pick}</span>
          <input type="file" accept="image/*,application/pdf" onChange={read} />
        </label>
        <label>
          <input type="checkbox" checked={searchable} onChange={(e) => setSearchable(e.target.checked)} /> {words.searchable}
        </label>
      </section>
      <OCRProgress progress={ocr.progress} locale={locale} />
      {error && <p className="app__error" role="alert">{error}</p>}
      {result && <OCRResult result={result} image={file} fileName={file?.name.replace(/\.[^.]+$/, '')} locale={locale} />}
    </main>
  );
}
