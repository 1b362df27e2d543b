import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import en from './en.json';
import zhCN from './zh-CN.json';
import { setApiLanguage, type Bilingual } from '../api.ts';
import { webModules } from '../modules.ts';
import { mergeMessages } from './merge.ts';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
const storageKey = 'sitong.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(storageKey);
    if (value === 'en' || value === 'zh-CN') return value;
  } catch {
    // storage unavailable: fall back to Chinese
  }
  return 'zh-CN';
}

function applyLanguage(language: Language) {
  setApiLanguage(language);
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = language;
  document.title = language === 'en' ? 'Sitong 四通' : '四通 Sitong';
}

const initial = storedLanguage();
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: mergeMessages([zhCN, ...webModules.flatMap((module) => (module.messages ? [module.messages['zh-CN']] : []))]) },
    en: { translation: mergeMessages([en, ...webModules.flatMap((module) => (module.messages ? [module.messages.en] : []))]) },
  },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(language: Language) {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    /* ignore */
  }
  applyLanguage(language);
  void i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Pick the UI language's text from a bilingual server value. */
export function pick(text: Bilingual | null | undefined, language: string): string {
  if (!text) return '';
  return language === 'en' ? text.en : text['zh-CN'];
}

export default i18n;
