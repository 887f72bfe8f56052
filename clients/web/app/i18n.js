// The web app's words in English and Chinese, chosen from the browser's languages.

const messages = {
  en: {
    title: 'MaoOCR Edge',
    tagline: 'Text from photos and scans, read on this appliance',
    skip: 'Skip to the result',
    'status.disconnected': 'Offline',
    'status.connecting': 'Connecting…',
    'status.connected': 'Connected',
    'status.reconnecting': 'Reconnecting…',
    'status.reconnectingIn': 'Reconnecting {attempt}/{max}…',
    'status.error': 'Cannot reach the appliance',
    'status.label': 'Connection',
    reconnect: 'Reconnect',
    takePhoto: 'Take a photo',
    chooseFiles: 'Choose images',
    dropHint: 'or drop images here, or paste with Ctrl+V',
    dropHintTouch: 'Photograph a document or pick images from your phone',
    dropNow: 'Drop to read the text',
    options: 'Options',
    language: 'Language',
    'language.auto': 'Automatic',
    'language.ch': 'Chinese + English',
    'language.en': 'English only',
    accuracy: 'Accuracy',
    'accuracy.fast': 'Fast',
    'accuracy.balanced': 'Balanced',
    'accuracy.high': 'High (turns upside-down text)',
    results: 'Recent results',
    noResults: 'No results yet. Take a photo or choose an image to start.',
    clearHistory: 'Clear',
    clearHistoryConfirm: 'Remove all recent results from this browser?',
    'stage.waiting': 'Waiting for the connection',
    'stage.sending': 'Sending',
    'stage.queued': 'In the queue',
    'stage.queuedAt': 'In the queue ({n} ahead)',
    'stage.decode': 'Decoding the image',
    'stage.detection': 'Finding text',
    'stage.classification': 'Checking orientation',
    'stage.recognition': 'Reading text',
    'stage.retrying': 'Busy, trying again…',
    done: 'Done',
    failed: 'Failed',
    lineCount: '{n} lines',
    oneLine: '1 line',
    noText: 'No text found',
    result: 'Result',
    resultEmpty: 'The text of the selected image appears here, with each line outlined on the image.',
    imageAlt: '{name} with {n} text boxes outlined',
    lines: 'Lines',
    confidence: 'confidence {p}%',
    copy: 'Copy text',
    copied: 'Copied',
    downloadTxt: 'TXT',
    downloadJson: 'JSON',
    downloadLabelTxt: 'Download the text as a TXT file',
    downloadLabelJson: 'Download the result as JSON',
    fromCache: 'from cache',
    took: '{ms} ms',
    showBoxes: 'Show boxes',
    remove: 'Remove',
    retry: 'Try again',
    progressLabel: 'Progress of {name}',
    openResult: 'Open the result of {name}',
    pasted: 'Pasted image',
    photo: 'Photo',
    'error.not_connected': 'Not connected to the appliance. Check that it is on and on this network.',
    'error.connection_failed': 'The appliance cannot be reached. Check that it is on, then press Reconnect.',
    'error.connection_lost': 'The connection dropped before the answer came. Please try again.',
    'error.disconnected': 'The connection was closed.',
    'error.queue_full': 'Too many images are waiting. Please wait a moment.',
    'error.request_timeout': 'The appliance took too long to answer. Please try again.',
    'error.invalid_image': 'This file could not be read as an image. It may be damaged.',
    'error.unsupported_format': 'This file type is not supported. Use JPEG, PNG, WebP, BMP or GIF.',
    'error.image_too_large': 'This image is too large (limit 20 MB or 40 megapixels).',
    'error.busy': 'The appliance is busy. Please try again in a moment.',
    'error.timeout': 'Reading this image took too long on the appliance.',
    'error.unauthorized': 'This appliance needs an access token. Open the page with ?token=… in the address.',
    'error.invalid_message': 'The appliance did not understand the request.',
    'error.internal': 'Something went wrong on the appliance. Please try again.',
    'error.not_image': '{name} is not an image.',
    'error.unknown': 'Something went wrong: {message}',
  },
  zh: {
    title: 'MaoOCR Edge',
    tagline: '在本设备上识别照片和扫描件中的文字',
    skip: '跳到识别结果',
    'status.disconnected': '未连接',
    'status.connecting': '正在连接…',
    'status.connected': '已连接',
    'status.reconnecting': '重新连接中…',
    'status.reconnectingIn': '重新连接中 {attempt}/{max}…',
    'status.error': '无法连接到设备',
    'status.label': '连接状态',
    reconnect: '重新连接',
    takePhoto: '拍照',
    chooseFiles: '选择图片',
    dropHint: '或将图片拖到这里，也可按 Ctrl+V 粘贴',
    dropHintTouch: '拍摄文档，或从手机中选择图片',
    dropNow: '松开即可识别',
    options: '选项',
    language: '语言',
    'language.auto': '自动',
    'language.ch': '中文 + 英文',
    'language.en': '仅英文',
    accuracy: '精度',
    'accuracy.fast': '快速',
    'accuracy.balanced': '均衡',
    'accuracy.high': '高（可识别倒置文字）',
    results: '最近的结果',
    noResults: '还没有结果。拍照或选择一张图片即可开始。',
    clearHistory: '清空',
    clearHistoryConfirm: '要从此浏览器中删除所有最近的结果吗？',
    'stage.waiting': '等待连接',
    'stage.sending': '正在发送',
    'stage.queued': '排队中',
    'stage.queuedAt': '排队中（前面还有 {n} 个）',
    'stage.decode': '正在解码图片',
    'stage.detection': '正在查找文字',
    'stage.classification': '正在检查方向',
    'stage.recognition': '正在识别文字',
    'stage.retrying': '设备繁忙，正在重试…',
    done: '完成',
    failed: '失败',
    lineCount: '{n} 行',
    oneLine: '1 行',
    noText: '未找到文字',
    result: '识别结果',
    resultEmpty: '所选图片的文字会显示在这里，图片上会框出每一行。',
    imageAlt: '{name}，已框出 {n} 个文字区域',
    lines: '文字行',
    confidence: '置信度 {p}%',
    copy: '复制文字',
    copied: '已复制',
    downloadTxt: 'TXT',
    downloadJson: 'JSON',
    downloadLabelTxt: '下载文字（TXT 文件）',
    downloadLabelJson: '下载结果（JSON）',
    fromCache: '来自缓存',
    took: '{ms} 毫秒',
    showBoxes: '显示文字框',
    remove: '删除',
    retry: '重试',
    progressLabel: '{name} 的进度',
    openResult: '打开 {name} 的结果',
    pasted: '粘贴的图片',
    photo: '照片',
    'error.not_connected': '未连接到设备。请确认设备已开机并在同一网络中。',
    'error.connection_failed': '无法连接到设备。请确认设备已开机，然后点击“重新连接”。',
    'error.connection_lost': '连接在收到结果前中断了，请重试。',
    'error.disconnected': '连接已关闭。',
    'error.queue_full': '等待的图片太多了，请稍候。',
    'error.request_timeout': '设备响应超时，请重试。',
    'error.invalid_image': '无法读取此图片，文件可能已损坏。',
    'error.unsupported_format': '不支持此文件类型。请使用 JPEG、PNG、WebP、BMP 或 GIF。',
    'error.image_too_large': '图片太大（上限 20 MB 或 4000 万像素）。',
    'error.busy': '设备正忙，请稍后再试。',
    'error.timeout': '设备处理此图片的时间过长。',
    'error.unauthorized': '此设备需要访问令牌。请在地址后加上 ?token=… 打开页面。',
    'error.invalid_message': '设备无法理解此请求。',
    'error.internal': '设备出现了问题，请重试。',
    'error.not_image': '{name} 不是图片。',
    'error.unknown': '出现了问题：{message}',
  },
};

/** The browser's preferred language among ours: Chinese for any zh-*, else English. ?lang=zh|en overrides. */
export function pickLanguage(languages = navigator.languages ?? [navigator.language], override = new URLSearchParams(location.search).get('lang')) {
  if (override && override in messages) return override;
  for (const tag of languages) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base in messages) return base;
  }
  return 'en';
}

export const language = pickLanguage();

/** The message `key` in the page's language, with {name} placeholders filled from `values`. */
export function t(key, values = {}) {
  const text = messages[language][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** A friendly sentence for an error from the client library or the appliance. */
export function describeError(error) {
  const key = `error.${error?.code}`;
  if (messages.en[key]) return t(key);
  return t('error.unknown', { message: error?.message ?? String(error) });
}

/** Fills every [data-i18n] element's text and [data-i18n-attr="attr:key,…"] attributes. */
export function translatePage(root = document) {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of element.dataset.i18nAttr.split(',')) {
      const [attribute, key] = pair.split(':');
      element.setAttribute(attribute.trim(), t(key.trim()));
    }
  }
}
