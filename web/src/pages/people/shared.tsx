/** What the student and teacher lists share: dense one-line rows and the export button of the filtered list. */
import type { ReactNode } from 'react';
import { Button, ConfigProvider, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloads } from '../../api.ts';

/**
 * Rows of one line each (cells end in an ellipsis, the whole text in their tooltip), with less padding
 * than antd's small table: a page of 20 rows fits one 1366×768 screen.
 */
export function DenseRows({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ components: { Table: { cellPaddingBlockSM: 4, cellPaddingInlineSM: 6 } } }}>{children}</ConfigProvider>;
}

/** Every cell on one line: the columns take the width of their header and content (long texts are clipped by {@link Clip}). */
export function oneLine<T>(columns: TableColumnsType<T>): TableColumnsType<T> {
  return columns.map((column) => ({ ...column, onCell: () => ({ style: { whiteSpace: 'nowrap' } }) }));
}

/** A long text cut to `width` pixels with an ellipsis, the whole text in its tooltip. */
export function Clip({ text, width }: { text: string | null | undefined; width: number }) {
  if (!text) return <>—</>;
  return (
    <span
      title={text}
      style={{
        display: 'inline-block',
        maxWidth: width,
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
        verticalAlign: 'bottom',
      }}
    >
      {text}
    </span>
  );
}

/** 导出: every row of the current filter (not only the page shown) as .xlsx, numbers masked. */
export function ExportListButton({
  kind,
  filter,
  total,
}: {
  kind: 'students' | 'teachers';
  filter: Record<string, string | number | boolean | undefined>;
  total: number | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('people.exportHint')}>
      <Button icon={<DownloadOutlined />} href={downloads.peopleList(kind, filter)} disabled={!total} data-testid={`${kind}-export`}>
        {total === undefined
          ? t('people.export')
          : t(Object.values(filter).some((value) => value !== undefined && value !== '') ? 'people.exportCount' : 'people.exportAll', {
              count: total,
            })}
      </Button>
    </Tooltip>
  );
}
