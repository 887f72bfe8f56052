#!/usr/bin/env node
// Runs the peer OCR engine (@gutenye/ocr-node) on a set of images, one at a time, and prints one JSON
// document to stdout. Progress and errors go to stderr, so stdout stays parseable.
//
//   node run-peer.mjs <folder | list-file> [--threads N] [--warmup N]
//
// A folder means every .png/.jpg/.jpeg/.webp in it (not recursive), sorted by name. Any other file is read
// as a list of image paths, one per line, relative to the list's folder; blank lines and '#' lines are skipped.
// See README.md for the output format and for what the peer does differently from MaoOCR.

import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

import Ocr from '@gutenye/ocr-node';

// The peer decodes with sharp and runs onnxruntime-node; resolve both from the peer's own folder so we see the
// exact copies it uses, not whatever a hoisted node_modules happens to hold.
const peerRequire = createRequire(import.meta.resolve('@gutenye/ocr-node'));
const sharp = peerRequire('sharp');
const ort = peerRequire('onnxruntime-node');

const ENGINE = '@gutenye/ocr-node@1.4.8';
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp']);
// The peer's detector input must be a multiple of this many pixels on each side (Detection.js BASE_SIZE).
const DETECTOR_STRIDE = 32;

function usage(message) {
  if (message) {
    process.stderr.write(`run-peer: ${message}\n`);
  }
  process.stderr.write('usage: node run-peer.mjs <folder | list-file> [--threads N] [--warmup N]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { input: undefined, threads: 0, warmup: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--threads' || arg === '--warmup') {
      const value = Number.parseInt(argv[++i] ?? '', 10);
      if (!Number.isInteger(value) || value < 0) {
        usage(`${arg} needs a whole number >= 0`);
      }
      options[arg.slice(2)] = value;
    } else if (arg === '--help' || arg === '-h') {
      usage();
    } else if (arg.startsWith('--')) {
      usage(`unknown option ${arg}`);
    } else if (options.input === undefined) {
      options.input = arg;
    } else {
      usage(`unexpected argument ${arg}`);
    }
  }
  if (options.input === undefined) {
    usage('no folder or list file given');
  }
  return options;
}

async function listImages(input) {
  const stat = await fs.stat(input);
  if (stat.isDirectory()) {
    const names = await fs.readdir(input);
    return names
      .filter((name) => IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase()))
      .sort()
      .map((name) => path.join(input, name));
  }
  const base = path.dirname(input);
  const text = await fs.readFile(input, 'utf8');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => path.resolve(base, line));
}

// The peer resizes each image up to the next multiple of 32 with sharp's 'contain' fit (scaled to fit, then
// centred with padding) and reports boxes in that resized frame. This undoes it, so boxes are in the file's
// pixels like ours. Exact to about a pixel: sharp rounds the scaled size.
function frameMapping(width, height) {
  const paddedWidth = Math.max(Math.ceil(width / DETECTOR_STRIDE) * DETECTOR_STRIDE, DETECTOR_STRIDE);
  const paddedHeight = Math.max(Math.ceil(height / DETECTOR_STRIDE) * DETECTOR_STRIDE, DETECTOR_STRIDE);
  const scale = Math.min(paddedWidth / width, paddedHeight / height);
  const offsetX = Math.floor((paddedWidth - Math.round(width * scale)) / 2);
  const offsetY = Math.floor((paddedHeight - Math.round(height * scale)) / 2);
  return ([x, y]) => [round1((x - offsetX) / scale), round1((y - offsetY) / scale)];
}

function round1(value) {
  return Math.round(value * 10) / 10;
}

async function recognise(ocr, file) {
  const { width, height } = await sharp(file).metadata();
  const started = performance.now();
  const lines = await ocr.detect(file);
  const ms = performance.now() - started;
  const toImage = frameMapping(width, height);
  return {
    file,
    width,
    height,
    ms: round1(ms),
    lines: lines.map((line) => ({
      text: line.text,
      box: (line.box ?? []).map(toImage),
      confidence: Math.round(line.mean * 10000) / 10000,
    })),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const files = await listImages(options.input);
  if (files.length === 0) {
    usage(`no images in ${options.input}`);
  }

  const onnxOptions = options.threads > 0 ? { intraOpNumThreads: options.threads } : {};
  const loadStarted = performance.now();
  const ocr = await Ocr.create({ onnxOptions });
  const loadMs = performance.now() - loadStarted;
  process.stderr.write(`run-peer: ${ENGINE} loaded in ${loadMs.toFixed(0)} ms; ${files.length} image(s)\n`);

  for (let i = 0; i < options.warmup; i++) {
    await ocr.detect(files[i % files.length]);
  }

  const results = [];
  for (const file of files) {
    try {
      const result = await recognise(ocr, file);
      process.stderr.write(`run-peer: ${path.basename(file)} ${result.ms.toFixed(0)} ms, ${result.lines.length} line(s)\n`);
      results.push(result);
    } catch (error) {
      process.stderr.write(`run-peer: ${path.basename(file)} failed: ${error?.message ?? error}\n`);
      results.push({ file, error: String(error?.message ?? error), ms: 0, lines: [] });
    }
  }

  const report = {
    engine: ENGINE,
    onnxruntime: ort.env.versions.node ?? ort.env.versions.common,
    node: process.versions.node,
    threads: options.threads,
    warmup: options.warmup,
    loadMs: round1(loadMs),
    results,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error) => {
  process.stderr.write(`run-peer: ${error?.stack ?? error}\n`);
  process.exit(1);
});
