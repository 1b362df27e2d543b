import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

export function PageCard({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card
      className="page-card"
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      }
      extra={extra}
      styles={{ body: { paddingTop: 16 } }}
    >
      {children}
    </Card>
  );
}
