import { Migration } from '@mikro-orm/migrations';

/**
 * Product and user names are kept in Unicode NFC (the domain normalises what it is given), so that a search for
 * `café` finds a name typed with `e` and a combining accent. Names kept before are normalised once; a product whose
 * name changes gets a new version, since its replies change.
 */
export class M022NamesInNfc extends Migration {
  override name = 'M022NamesInNfc';

  override up(): void {
    this.addSql('update products set name = normalize(name, NFC), version = version + 1 where name is not nfc normalized');
    this.addSql('update users set name = normalize(name, NFC) where name is not nfc normalized');
  }

  override down(): void {
    // The decomposed forms are not kept: NFC names are the same names.
  }
}
