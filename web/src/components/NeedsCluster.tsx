/**
 * Pages of modules that work on a professional cluster (course pool, programmes, conversion rules,
 * indicators…) say what to do when the user's institution has none yet, instead of a "not found" error
 * beside enabled buttons. The messages are the org module's (`needsCluster.*`).
 */
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { Button, Card, Result, Spin, Typography } from 'antd';
import { ClusterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';

type Presence = 'loading' | 'none' | 'some';

/** Whether the user's institution has a cluster; when that cannot be read, the page decides for itself ('some'). */
function useClusterPresence(): Presence {
  const [presence, setPresence] = useState<Presence>('loading');
  useEffect(() => {
    let cancelled = false;
    api.clusterTree().then(
      (tree) => {
        if (!cancelled) setPresence(tree.length === 0 ? 'none' : 'some');
      },
      () => {
        if (!cancelled) setPresence('some');
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return presence;
}

export function NeedsCluster({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const presence = useClusterPresence();
  if (presence === 'loading')
    return (
      <Card>
        <Spin />
      </Card>
    );
  if (presence === 'some') return <>{children}</>;
  const mayCreate = can('org.write');
  return (
    <Card data-testid="needs-cluster">
      <Result
        icon={<ClusterOutlined />}
        title={t('needsCluster.title')}
        subTitle={
          <Typography.Paragraph type="secondary" style={{ maxWidth: 560, margin: '0 auto' }}>
            {t('needsCluster.why')} {mayCreate ? t('needsCluster.how') : t('needsCluster.ask')}
          </Typography.Paragraph>
        }
        extra={
          mayCreate ? (
            <Button type="primary" onClick={() => navigate('/org')} data-testid="needs-cluster-go">
              {t('needsCluster.go')}
            </Button>
          ) : null
        }
      />
    </Card>
  );
}

/** For a lazy route: `lazy(() => import('./Page.tsx').then(needsCluster))` shows the page only once a cluster exists. */
export function needsCluster(module: { default: ComponentType }): { default: ComponentType } {
  const Page = module.default;
  return {
    default: function PageNeedingCluster() {
      return (
        <NeedsCluster>
          <Page />
        </NeedsCluster>
      );
    },
  };
}
