import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../server/modules/org/rules.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';
import { makeXlsx, readXlsx } from '../support/xlsx.ts';

let app: TestApp;
let staff: TestClient;
beforeAll(async () => {
  app = await createTestApp({ importMaxBytes: 200 * 1024 });
  staff = await app.login('jiaowu');
});
afterAll(async () => {
  await app?.close();
});

const studentHeaders = ['学号', '姓名', '性别', '年级', '专业代码', '班级代码', '学籍状态', '身份证号', '手机号'];
const validId = (serial: number) => {
  const first17 = `12010120070101${String(serial).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
};

async function preview(entity: string, file: Buffer, name = 'data.xlsx', client = staff) {
  return client.upload(`/api/imports/${entity}/preview`, name, file);
}

describe('templates', () => {
  it('offers a Chinese .xlsx template with an example row for every importable entity', async () => {
    const list = await staff.get('/api/imports');
    const entities = [
      'departments',
      'clusters',
      'groups',
      'majors',
      'classes',
      'teachers',
      'students',
      'terms',
      'courses',
      'certificate_results',
    ];
    expect(list.json().map((entry: { entity: string }) => entry.entity)).toEqual(entities);
    for (const entity of entities) {
      const response = await staff.get(`/api/imports/${entity}/template.xlsx`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      const rows = await readXlsx(response.rawPayload);
      expect(rows.length).toBe(2);
      expect(rows[0]!.join('')).toMatch(/[\u4e00-\u9fa5]/);
    }
    const students = await readXlsx((await staff.get('/api/imports/students/template.xlsx')).rawPayload);
    expect(students[0]).toEqual(['学号 *', '姓名 *', '性别', '年级 *', '专业代码 *', '班级代码', '学籍状态', '身份证号', '手机号']);
  });

  it('every template’s example row passes validation on the demo (its codes exist, its ID number has a right check digit)', async () => {
    const list = (await staff.get('/api/imports')).json() as Array<{ entity: string }>;
    const problems: Record<string, unknown> = {};
    for (const { entity } of list) {
      const template = (await staff.get(`/api/imports/${entity}/template.xlsx`)).rawPayload;
      const result = await preview(entity, template, `${entity}.xlsx`);
      expect(result.statusCode, `${entity}: ${result.body}`).toBe(201);
      if (result.json().errors.length > 0) problems[entity] = result.json().errors;
    }
    expect(problems).toEqual({});
  });

  it('the template itself imports cleanly once its references exist', async () => {
    const template = (await staff.get('/api/imports/majors/template.xlsx')).rawPayload;
    const result = await preview('majors', template);
    expect(result.statusCode).toBe(201);
    expect(result.json().errors).toEqual([]);
    expect(result.json().summary).toMatchObject({ total: 1, unchanged: 1 });
  });
});

describe('students: preview, errors, all-or-nothing commit, idempotent re-import', () => {
  const goodRows = () => [
    ['20264304010001', '赵一', '男', 2026, '430401', '', '在读', validId(1), '13800000001'],
    ['20264304010002', '钱二', '女', 2026, '430401', '', '在读', validId(2), '13800000002'],
    ['20264304010003', '孙三', '男', 2026, '430401', '', '', '', ''],
  ];

  it('lists every bad row with row number, column and reason; commits nothing', async () => {
    const rows: unknown[][] = [
      ...goodRows(),
      ['20264304010004', '', '男', 2026, '999999', '', '在读', '120101200701010000', '12345'],
      ['20264304010001', '重复', '男', 'abc', '430401', '', '读书', '', ''],
    ];
    const [{ count: before }] = await app.sql<{ count: number }>('SELECT count(*)::int AS count FROM students');
    const response = await preview('students', await makeXlsx(studentHeaders, rows));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.summary).toMatchObject({ total: 5, invalid: 2, valid: 3, create: 3 });
    const [audited] = await app.sql<{ after: { rowCount: number; errorCount: number } }>(
      `SELECT after FROM audit_log WHERE action = 'import.preview' AND entity_id = '${body.id}'`,
    );
    expect(audited?.after).toMatchObject({ rowCount: 5, errorCount: body.errors.length });
    const described = body.errors.map((e: { row: number; columnLabel: string; reason: string }) => `${e.row}|${e.columnLabel}|${e.reason}`);
    expect(described).toEqual(
      expect.arrayContaining([
        '5|姓名|新增的数据此项必填（系统中还没有该代码的记录）',
        '5|专业代码|专业“999999”不存在',
        '5|身份证号|身份证号格式或校验位不正确',
        '5|手机号|手机号应为 11 位数字',
        '6|学号|与第 2 行重复',
        '6|年级|应为整数',
        '6|学籍状态|应为以下之一：在读、休学、毕业、退学',
      ]),
    );
    const commit = await staff.post(`/api/imports/batches/${body.id}/commit`);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.message).toContain('未导入任何数据');
    const [{ count: after }] = await app.sql<{ count: number }>('SELECT count(*)::int AS count FROM students');
    expect(after).toBe(before);

    const bad = await staff.get(`/api/imports/batches/${body.id}/errors.xlsx`);
    expect(bad.statusCode).toBe(200);
    const badRows = await readXlsx(bad.rawPayload);
    expect(badRows.length).toBe(3);
    expect(badRows[0]!.at(-1)).toBe('错误原因（原行号）');
    expect(badRows[1]!.at(-1)).toContain('第 5 行');
    expect(badRows[2]![0]).toBe('20264304010001');
  });

  it('commits all rows of a clean file, then says a re-import changes nothing', async () => {
    const file = await makeXlsx(studentHeaders, goodRows());
    const first = await preview('students', file);
    expect(first.json().errors).toEqual([]);
    const committed = await staff.post(`/api/imports/batches/${first.json().id}/commit`);
    expect(committed.statusCode).toBe(200);
    expect(committed.json().summary).toMatchObject({ create: 3, update: 0, unchanged: 0 });
    const stored = await app.sql<{
      name: string;
      id_number_enc: string | null;
      id_number_masked: string | null;
      phone_masked: string | null;
    }>("SELECT name, id_number_enc, id_number_masked, phone_masked FROM students WHERE student_no = '20264304010001'");
    expect(stored[0]!.name).toBe('赵一');
    expect(stored[0]!.id_number_enc).not.toContain(validId(1));
    expect(stored[0]!.id_number_masked).toBe(`120***********${validId(1).slice(-4)}`);
    expect(stored[0]!.phone_masked).toBe('138****0001');

    const again = await preview('students', file);
    expect(again.json().summary).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    const recommit = await staff.post(`/api/imports/batches/${again.json().id}/commit`);
    expect(recommit.json().summary).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    const twice = await staff.post(`/api/imports/batches/${again.json().id}/commit`);
    expect(twice.statusCode).toBe(409);

    const audit = await app.sql("SELECT count(*)::int AS count FROM audit_log WHERE action = 'student.import_create'");
    expect(audit[0]!.count).toBe(3);
  });

  it('matches on 学号, not on names: a renamed row is an update', async () => {
    const rows = goodRows();
    rows[2]![1] = '孙叁';
    const result = await preview('students', await makeXlsx(studentHeaders, rows));
    expect(result.json().summary).toMatchObject({ create: 0, update: 1, unchanged: 2 });
    await staff.post(`/api/imports/batches/${result.json().id}/commit`);
    const renamed = await app.sql<{ name: string; count: number }>(
      "SELECT name, (SELECT count(*)::int FROM students WHERE student_no = '20264304010003') AS count FROM students WHERE student_no = '20264304010003'",
    );
    expect(renamed[0]).toEqual({ name: '孙叁', count: 1 });
    const audit = await app.sql<{ before: { name: string }; after: { name: string } }>(
      "SELECT before, after FROM audit_log WHERE action = 'student.import_update'",
    );
    expect(audit[0]!.before.name).toBe('孙三');
    expect(audit[0]!.after.name).toBe('孙叁');
  });
});

describe('refusals', () => {
  it('refuses non-xlsx files, oversized files, formulas and files without the required columns', async () => {
    const csv = await preview('students', Buffer.from('学号,姓名\n1,张三\n'), 'students.csv');
    expect(csv.statusCode).toBe(415);
    expect(csv.json().error.message).toBe('只接受 .xlsx 格式的 Excel 文件');
    const disguised = await preview('students', Buffer.from('PK\u0003\u0004 not really a zip'), 'students.xlsx');
    expect(disguised.statusCode).toBe(415);
    const big = await preview('students', Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(300 * 1024)]), 'big.xlsx');
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('FILE_TOO_LARGE');
    const formula = await preview(
      'students',
      await makeXlsx(studentHeaders, [['20264304019999', { formula: 'CONCAT("张","三")', result: '张三' }, '男', 2026, '430401']]),
    );
    expect(formula.statusCode).toBe(201);
    expect(formula.json().errors[0]).toMatchObject({ row: 2, column: 'name', reason: '单元格含公式，请粘贴为数值后再导入' });
    // Only the key column must be there; a new row without the other required columns is a bad row.
    const missing = await preview('students', await makeXlsx(['姓名', '年级'], [['张三', 2026]]));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.message).toBe('缺少必需的列：学号');
    const partial = await preview('students', await makeXlsx(['学号', '姓名'], [['20264304019998', '张三']]));
    expect(partial.statusCode).toBe(201);
    expect(partial.json().errors.map((e: { column: string; reason: string }) => `${e.column}|${e.reason}`)).toEqual([
      'cohortYear|新增的数据此项必填（系统中还没有该代码的记录）',
      'majorCode|新增的数据此项必填（系统中还没有该代码的记录）',
    ]);
    const empty = await preview('students', await makeXlsx(studentHeaders, []));
    expect(empty.statusCode).toBe(422);
    const unknown = await preview('spaceships', await makeXlsx(studentHeaders, []));
    expect(unknown.statusCode).toBe(404);
  });

  it('export escapes text a spreadsheet would run as a formula, and re-imports unchanged', async () => {
    const departments = ['系部代码', '系部名称', '类型'];
    const created = await preview('departments', await makeXlsx(departments, [['EVIL', '=HYPERLINK("http://x","点我")', '系']]));
    expect(created.json().errors).toEqual([]);
    await staff.post(`/api/imports/batches/${created.json().id}/commit`);
    const exported = await staff.get('/api/exports/departments');
    expect(exported.statusCode).toBe(200);
    const rows = await readXlsx(exported.rawPayload);
    const evil = rows.find((row) => row[0] === 'EVIL')!;
    expect(evil[1]).toBe('\'=HYPERLINK("http://x","点我")');
    const reimport = await preview('departments', exported.rawPayload);
    expect(reimport.json().errors).toEqual([]);
    expect(reimport.json().summary.create).toBe(0);
    expect(reimport.json().summary.update).toBe(0);
  });

  it('exports students with clear personal data that round-trips as unchanged', async () => {
    const exported = await staff.get('/api/exports/students');
    const result = await preview('students', exported.rawPayload, 'students.xlsx');
    expect(result.json().errors).toEqual([]);
    expect(result.json().summary.update).toBe(0);
    expect(result.json().summary.unchanged).toBe(result.json().summary.total);
  });

  it('imports each entity kind: departments → groups → majors → classes → teachers', async () => {
    const steps: Array<[string, string[], unknown[][]]> = [
      ['departments', ['系部代码', '系部名称', '类型'], [['XNY', '新能源系', '二级学院']]],
      [
        'groups',
        ['专业群代码', '专业群名称', '简称', '所属专业集群代码', '牵头系部代码', '核心专业代码', '面向产业链'],
        [['XNYQ', '新能源专业群', '新能源', 'LSZNZZ', 'XNY', '460701', '新能源产业链']],
      ],
      [
        'majors',
        ['专业代码', '专业名称', '所属系部代码', '所属专业群代码', '层次', '首次招生年份', '状态'],
        [['460701', '新能源汽车技术', 'XNY', 'XNYQ', '高职', 2026, '招生']],
      ],
      ['classes', ['班级代码', '班级名称', '专业代码', '年级'], [['460701-2026-1', '新能源汽车技术2026级1班', '460701', 2026]]],
      [
        'teachers',
        ['工号', '姓名', '性别', '所属系部代码', '所属专业群代码', '职称', '双师型', '身份证号', '手机号'],
        [['T90001', '新老师', '女', 'XNY', 'XNYQ', '讲师', '是', validId(90), '13900000090']],
      ],
    ];
    for (const [entity, headers, rows] of steps) {
      const result = await preview(entity, await makeXlsx(headers, rows));
      expect(result.json().errors, entity).toEqual([]);
      const commit = await staff.post(`/api/imports/batches/${result.json().id}/commit`);
      expect(commit.json().summary.create, entity).toBe(1);
    }
    const tree = (await staff.get('/api/cluster-tree')).json();
    const group = tree[0].groups.find((g: { code: string }) => g.code === 'XNYQ');
    expect(group.majors.map((m: { code: string }) => m.code)).toEqual(['460701']);
    expect(group.teachers).toBe(1);
  });
});

describe('download language', () => {
  it('a plain download link picks the language with ?lang=', async () => {
    const english = await readXlsx((await staff.get('/api/imports/students/template.xlsx?lang=en')).rawPayload);
    expect(english[0]![0]).toBe('Student no. *');
    const chinese = await readXlsx(
      (await staff.get('/api/imports/students/template.xlsx?lang=zh-CN', { headers: { 'accept-language': 'en' } })).rawPayload,
    );
    expect(chinese[0]![0]).toBe('学号 *');
  });
});
