import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBytes, prescanCharset } from '../../src/ingest/decode.js';

const JA = '東京で日本と中国の首脳が会談し、協定に署名した。両国は協力を強化することで合意した。';
const ZH = '中华人民共和国和俄罗斯联邦签署了全面战略伙伴关系条约。双方同意加强合作。';

describe('decoding bytes to text', () => {
  it('honours byte-order marks', () => {
    assert.equal(decodeBytes(Buffer.from('\ufeffcafé', 'utf8'), 'x'), 'café');
    assert.equal(
      decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('café', 'utf16le')]), 'x'),
      'café',
    );
    const be = Buffer.from('café', 'utf16le').swap16();
    assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'x'), 'café');
  });

  it('maps latin1 and ascii labels to windows-1252, as browsers do', () => {
    const bytes = Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x80, 0x35]);
    for (const label of ['iso-8859-1', 'latin1', 'US-ASCII', 'windows-1252', '"ISO-8859-1"'])
      assert.equal(decodeBytes(bytes, 'x', label), '“café” €5', label);
  });

  it('uses the HTTP charset over the document’s own declaration', () => {
    const doc = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>'), Buffer.from([0xe9])]);
    assert.equal(decodeBytes(doc, 'x', 'windows-1252'), '<meta charset="utf-8"><p>é');
  });

  it('reads <meta charset>, <meta http-equiv> and the XML declaration', () => {
    const body = (head: string) => Buffer.concat([Buffer.from(head), iconv.encode(JA, 'shift_jis')]);
    assert.equal(
      decodeBytes(body('<meta charset="Shift_JIS"><p>'), 'x'),
      `<meta charset="Shift_JIS"><p>${JA}`,
    );
    const equiv = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>';
    assert.equal(
      decodeBytes(Buffer.concat([Buffer.from(equiv), iconv.encode(ZH, 'gbk')]), 'x'),
      `${equiv}${ZH}`,
    );
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><rss>';
    assert.equal(decodeBytes(Buffer.concat([Buffer.from(xml), Buffer.from([0xe9])]), 'x'), `${xml}é`);
    assert.equal(prescanCharset(Buffer.from('<meta name="x" content="y"><meta charset=koi8-r>')), 'koi8-r');
  });

  it('decodes Shift_JIS and GBK from the HTTP header', () => {
    assert.equal(decodeBytes(iconv.encode(JA, 'shift_jis'), 'x', 'shift_jis'), JA);
    assert.equal(decodeBytes(iconv.encode(ZH, 'gbk'), 'x', 'GBK'), ZH);
  });

  it('detects the charset of undeclared bytes that are not UTF-8', () => {
    assert.equal(decodeBytes(iconv.encode(JA.repeat(3), 'shift_jis'), 'x'), JA.repeat(3));
    assert.equal(decodeBytes(iconv.encode(ZH.repeat(3), 'gbk'), 'x'), ZH.repeat(3));
  });

  it('decodes invalid UTF-8 without a declaration without crashing', () => {
    const text = decodeBytes(Buffer.from([0x48, 0x69, 0x20, 0xc3, 0x28, 0x20, 0xff, 0x21]), 'x');
    assert.ok(text.startsWith('Hi '));
    assert.ok(text.endsWith('!'));
  });

  it('keeps mostly-UTF-8 text as UTF-8, damaged bytes becoming replacement characters', () => {
    const bytes = Buffer.concat([
      Buffer.from('Zürich, Genève — '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(' ok'),
    ]);
    assert.equal(decodeBytes(bytes, 'x'), 'Zürich, Genève — \uFFFD( ok');
  });

  it('detects undeclared windows-1252 text', () => {
    const bytes = Buffer.from(
      'Le caf\xe9 cr\xe8me co\xfbte cher \x96 \x93tr\xe8s\x94 cher, dit le g\xe9n\xe9ral.',
      'latin1',
    );
    assert.equal(decodeBytes(bytes, 'x'), 'Le café crème coûte cher – “très” cher, dit le général.');
  });

  it('prefers UTF-8 when the bytes are valid UTF-8', () => {
    assert.equal(decodeBytes(Buffer.from('Zürich — “quoted”'), 'x'), 'Zürich — “quoted”');
  });

  it('decodes UTF-16 named in the HTTP header, but not when a page claims it in ASCII', () => {
    assert.equal(decodeBytes(Buffer.from('<p>hé</p>', 'utf16le'), 'x', 'utf-16'), '<p>hé</p>');
    assert.equal(
      decodeBytes(Buffer.from('<meta charset="utf-16"><p>hé'), 'x'),
      '<meta charset="utf-16"><p>hé',
    );
  });

  it('refuses binary content, saying what it looks like and naming the input', () => {
    const cases: Array<[number[] | string, RegExp]> = [
      ['%PDF-1.7\n%âãÏÓ\n', /PDF document/],
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], /PNG image/],
      [[0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46], /JPEG image/],
      ['GIF89a\x01\x00\x01\x00', /GIF image/],
      [[0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /ZIP archive/],
      [[0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0], /gzip/],
      ['text with a \x00 NUL byte', /NUL bytes/],
      [[1, 2, 3, 4, 5, 6, 65, 66, 67, 14, 15, 16, 17, 18, 19, 20, 21], /control bytes/],
    ];
    for (const [bytes, why] of cases) {
      const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
      assert.throws(
        () => decodeBytes(buf, 'upload.bin'),
        (e: Error & { code: string }) => {
          assert.equal(e.code, 'EBINARY');
          assert.match(e.message, /^upload\.bin: binary content/);
          assert.match(e.message, why);
          return true;
        },
      );
    }
  });

  it('refuses empty input, naming it', () => {
    assert.throws(
      () => decodeBytes(new Uint8Array(0), 'empty.html'),
      /^InputError: empty\.html: empty input|empty\.html: empty input/,
    );
  });
});
