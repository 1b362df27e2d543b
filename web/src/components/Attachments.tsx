/**
 * Files for a record: an uploader (staged on the server, checked there by content) and a list with
 * image previews. Any module's page uses them with its record kind as the purpose.
 */
import { useState } from 'react';
import { Button, Image, Space, Typography, Upload, type UploadFile } from 'antd';
import { FilePdfOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiLanguage, ApiError, errorMessage, readCsrfCookie } from '../api.ts';

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  url: string;
}

const readableSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`;

async function uploadFile(purpose: string, file: File): Promise<AttachmentView> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { 'Accept-Language': apiLanguage() };
  const csrf = readCsrfCookie();
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch(`/api/attachments?purpose=${encodeURIComponent(purpose)}`, {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  const body = await response.json().catch(() => null);
  if (!response.ok)
    throw new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? response.statusText);
  return body as AttachmentView;
}

/** Uploads files as they are chosen; `onChange` gets the ids of those the server kept. */
export function AttachmentUpload({
  purpose,
  max,
  accept,
  onChange,
  testId,
}: {
  purpose: string;
  max: number;
  /** The file picker's hint (the server decides by content). */
  accept: string;
  onChange: (ids: string[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<Array<UploadFile & { serverId?: string }>>([]);
  const publish = (next: Array<UploadFile & { serverId?: string }>) => {
    setFiles(next);
    onChange(next.filter((file) => file.status === 'done' && file.serverId).map((file) => file.serverId!));
  };
  return (
    <Upload
      data-testid={testId}
      accept={accept}
      multiple
      listType="picture"
      maxCount={max}
      fileList={files}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(purpose, file as File).then(
          (stored) => onSuccess?.(stored),
          (error: unknown) => onError?.(error as Error),
        );
      }}
      onChange={({ fileList }) =>
        publish(
          fileList.map((file) => {
            const stored = file.response as AttachmentView | undefined;
            return {
              ...file,
              serverId: stored?.id ?? (file as { serverId?: string }).serverId,
              thumbUrl: stored && stored.contentType.startsWith('image/') ? stored.url : file.thumbUrl,
              // The server's refusal, in its words, under the file.
              response: file.status === 'error' ? errorMessage(file.error) : file.response,
            };
          }),
        )
      }
      onRemove={async (file) => {
        const id = (file as { serverId?: string }).serverId;
        if (id) {
          const headers: Record<string, string> = {};
          const csrf = readCsrfCookie();
          if (csrf) headers['x-csrf-token'] = csrf;
          await fetch(`/api/attachments/${id}`, { method: 'DELETE', headers, credentials: 'same-origin' }).catch(() => undefined);
        }
        return true;
      }}
    >
      <Button icon={<UploadOutlined />} disabled={files.length >= max}>
        {t('attachments.choose', { max })}
      </Button>
    </Upload>
  );
}

/** A record's files: images as thumbnails that open a preview, other files as links. */
export function AttachmentList({ files, testId }: { files: AttachmentView[]; testId?: string }) {
  const { t } = useTranslation();
  if (files.length === 0) return <Typography.Text type="secondary">{t('attachments.none')}</Typography.Text>;
  const images = files.filter((file) => file.contentType.startsWith('image/'));
  const others = files.filter((file) => !file.contentType.startsWith('image/'));
  return (
    <Space direction="vertical" size={8} data-testid={testId}>
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={8}>
            {images.map((file) => (
              <Image
                key={file.id}
                src={file.url}
                alt={file.fileName}
                width={96}
                height={96}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                data-testid="attachment-image"
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {others.map((file) => (
        <a key={file.id} href={file.url} target="_blank" rel="noreferrer noopener" data-testid="attachment-link">
          {file.contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileOutlined />} {file.fileName}{' '}
          <Typography.Text type="secondary">({readableSize(file.sizeBytes)})</Typography.Text>
        </a>
      ))}
    </Space>
  );
}
