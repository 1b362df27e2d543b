import { idCheckCharacter } from '../modules/org/rules.ts';
import type { SeededRandom } from './random.ts';

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const givenChars =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘'.split(
    '',
  );

export function personName(random: SeededRandom): string {
  const given = random.chance(0.6) ? random.pick(givenChars) + random.pick(givenChars) : random.pick(givenChars);
  return random.pick(surnames) + given;
}

// Tianjin districts and a few other provinces' area codes: 表 enrolment draws from 23 provinces.
const areaCodes = [
  '120101',
  '120102',
  '120103',
  '120104',
  '120105',
  '120106',
  '120110',
  '120111',
  '120112',
  '120113',
  '120114',
  '120115',
  '130102',
  '130602',
  '140105',
  '150102',
  '370102',
  '410102',
  '510104',
  '620102',
  '640104',
  '230102',
];

export function idNumber(random: SeededRandom, birthYear: number, gender: 'M' | 'F'): string {
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const sequence = random.int(0, 99) * 10 + (gender === 'M' ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]));
  const first17 = `${random.pick(areaCodes)}${birthYear}${month}${day}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export function mobile(random: SeededRandom): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}
