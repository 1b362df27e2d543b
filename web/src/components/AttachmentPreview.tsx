/**
 * A record's files shown in place, for someone who has to judge them (a reviewer reading a claim's
 * certificate scan): images at reading size, PDFs drawn page by page with pdf.js (loaded only when a PDF
 * is shown; it works where the browser has no PDF viewer, as in 企业微信 / 微信 and headless Chromium),
 * other files as links. Every file also opens on its own.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Image, Space, Spin, Typography } from 'antd';
import { FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AttachmentView } from './Attachments.tsx';

/** Pages drawn of a long PDF; the rest open with the file. */
const maxPages = 5;

const readableSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`;

function FileLink({ file }: { file: AttachmentView }) {
  return (
    <a href={file.url} target="_blank" rel="noreferrer noopener" data-testid="attachment-open">
      {file.contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileOutlined />} {file.fileName}{' '}
      <Typography.Text type="secondary">({readableSize(file.sizeBytes)})</Typography.Text>
    </a>
  );
}

/** A PDF's first pages as canvases, as wide as the space they are given. */
export function PdfPreview({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const holder = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ status: 'loading' | 'shown' | 'failed'; pages: number; shown: number }>({
    status: 'loading',
    pages: 0,
    shown: 0,
  });
  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    (async () => {
      const [pdfjs, worker] = await Promise.all([
        import('pdfjs-dist/legacy/build/pdf.mjs'),
        import('pdfjs-dist/legacy/build/pdf.worker.min.mjs?url'),
      ]);
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      const task = pdfjs.getDocument({ url, isEvalSupported: false, withCredentials: true });
      destroy = () => void task.destroy();
      const document = await task.promise;
      const container = holder.current;
      if (cancelled || !container) return;
      const width = Math.max(240, container.clientWidth);
      const count = Math.min(document.numPages, maxPages);
      for (let number = 1; number <= count; number += 1) {
        const page = await document.getPage(number);
        if (cancelled) return;
        const base = page.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: (width / base.width) * ratio });
        const canvas = window.document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = '100%';
        canvas.style.border = '1px solid #f0f0f0';
        canvas.style.marginBottom = '8px';
        canvas.setAttribute('data-testid', 'pdf-page');
        canvas.setAttribute('aria-label', `${name} · ${number}/${document.numPages}`);
        container.appendChild(canvas);
        await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
        canvas.setAttribute('data-rendered', 'true');
      }
      if (!cancelled) setState({ status: 'shown', pages: document.numPages, shown: count });
    })().catch(() => {
      if (!cancelled) setState({ status: 'failed', pages: 0, shown: 0 });
    });
    const container = holder.current;
    return () => {
      cancelled = true;
      destroy?.();
      container?.replaceChildren();
    };
  }, [url, name]);
  return (
    <div data-testid="pdf-preview" data-status={state.status}>
      {state.status === 'loading' && <Spin size="small" />}
      {state.status === 'failed' && <Alert type="warning" showIcon title={t('attachments.previewFailed')} />}
      <div ref={holder} />
      {state.status === 'shown' && state.pages > state.shown && (
        <Typography.Text type="secondary">{t('attachments.morePages', { shown: state.shown, pages: state.pages })}</Typography.Text>
      )}
    </div>
  );
}

/** Every file of a record, each shown in place under its name. */
export function AttachmentPreview({ files, testId }: { files: AttachmentView[]; testId?: string }) {
  const { t } = useTranslation();
  if (files.length === 0)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('attachments.none')}
      </Typography.Text>
    );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid={testId}>
      {files.map((file) => (
        <div key={file.id} data-testid="attachment-preview" data-content-type={file.contentType}>
          <div style={{ marginBottom: 6 }}>
            <FileLink file={file} />
          </div>
          {file.contentType.startsWith('image/') ? (
            <Image
              src={file.url}
              alt={file.fileName}
              style={{ maxWidth: '100%', maxHeight: 480, objectFit: 'contain', border: '1px solid #f0f0f0' }}
              data-testid="attachment-image"
            />
          ) : file.contentType === 'application/pdf' ? (
            <PdfPreview url={file.url} name={file.fileName} />
          ) : null}
        </div>
      ))}
    </Space>
  );
}
