import type { RegisteredJob } from '../jobs.ts';
import { scheduledRecomputation } from './service.ts';

/**
 * The scheduler computes every computable indicator of every cluster, for the academic year in progress
 * and the one before. `every` makes a new install's first run immediate (its job row starts due), and
 * after a restart the run comes as soon as the last one is an hour old; the page's 重新计算 does it at once.
 */
export const indicatorJob: RegisteredJob = {
  name: 'platform.indicators_compute',
  module: 'platform',
  every: 3600,
  timeoutSeconds: 600,
  title: {
    'zh-CN': '指标：计算各专业集群的全部可计算指标（本学年与上一学年）',
    en: 'Indicators: compute every computable indicator of each cluster (this academic year and the last)',
  },
  run: async (app) => scheduledRecomputation(app),
};
