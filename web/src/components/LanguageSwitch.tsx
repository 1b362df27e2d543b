import { Grid, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const value: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  // Full size on phones, where it is a touch target.
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Segmented<Language>
      size={phone ? 'middle' : 'small'}
      aria-label={t('header.language')}
      data-testid="language-switch"
      value={value}
      onChange={(next) => setLanguage(next)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
