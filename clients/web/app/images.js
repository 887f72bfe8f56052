// Small JPEG copies of an image for the history (thumbnails and the preview the boxes are drawn on).

/**
 * The image scaled so that its longer side is at most `maxSide`, as a JPEG data: URL. Transparency goes
 * over white, as the appliance does. EXIF orientation is applied, so the copy matches what the box
 * coordinates refer to.
 */
export async function scaledDataUrl(source, maxSide, quality = 0.75) {
  const bitmap = await createImageBitmap(source, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', quality);
  } finally {
    bitmap.close();
  }
}
