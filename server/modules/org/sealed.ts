import type { Db } from '../../db/connection.ts';
import { allocateIds } from '../../db/sql.ts';
import { maskIdNumber, maskPhone, type PiiCipher, type SealBinding } from '../../platform/pii.ts';

/** The org module's sealed columns: each value opens only in its own row and column. */
export type PeopleTable = 'students' | 'teachers' | 'enterprise_contacts';
export type PeopleSealedColumn = 'id_number_enc' | 'phone_enc';

export const sealedAt = (table: PeopleTable, column: PeopleSealedColumn, rowId: number): SealBinding => ({ table, column, rowId });

/** ID number and phone of one person as stored: sealed for the row, masked for screens, hashed for exact lookups. */
export function sealedPersonFields(
  pii: PiiCipher,
  table: PeopleTable,
  rowId: number,
  person: { idNumber: string | null; phone: string | null },
) {
  const idNumber = person.idNumber ? person.idNumber.toUpperCase() : null;
  const phone = person.phone;
  return {
    idNumberEnc: idNumber ? pii.encrypt(idNumber, sealedAt(table, 'id_number_enc', rowId)) : null,
    idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
    idNumberHash: idNumber ? pii.lookupHash(idNumber) : null,
    phoneEnc: phone ? pii.encrypt(phone, sealedAt(table, 'phone_enc', rowId)) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    phoneHash: phone ? pii.lookupHash(phone) : null,
  };
}

/** People about to be inserted, with their ids drawn first (their sealed fields are bound to them). */
export async function withSealedPeople<T extends { idNumber: string | null; phone: string | null }>(
  db: Db,
  pii: PiiCipher,
  table: 'students' | 'teachers',
  people: T[],
): Promise<Array<Omit<T, 'idNumber' | 'phone'> & { id: number } & ReturnType<typeof sealedPersonFields>>> {
  const ids = await allocateIds(db, table, people.length);
  return people.map(({ idNumber, phone, ...rest }, index) => ({
    ...rest,
    id: ids[index]!,
    ...sealedPersonFields(pii, table, ids[index]!, { idNumber, phone }),
  }));
}
