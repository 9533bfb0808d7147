// Encoding labels → the decoder iconv-lite knows, after the WHATWG Encoding Standard: what browsers do
// with a label is what the page's author saw, so `latin1` and `us-ascii` mean windows-1252 and
// `shift_jis` means Microsoft's code page 932.

const GROUPS: Array<[string, string[]]> = [
  ['utf8', ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']],
  [
    'windows-1252',
    [
      'ansi_x3.4-1968',
      'ascii',
      'cp1252',
      'cp819',
      'csisolatin1',
      'ibm819',
      'iso-8859-1',
      'iso-ir-100',
      'iso8859-1',
      'iso88591',
      'iso_8859-1',
      'iso_8859-1:1987',
      'l1',
      'latin1',
      'us-ascii',
      'windows-1252',
      'x-cp1252',
    ],
  ],
  [
    'windows-1254',
    [
      'cp1254',
      'csisolatin5',
      'iso-8859-9',
      'iso-ir-148',
      'iso8859-9',
      'iso88599',
      'iso_8859-9',
      'iso_8859-9:1989',
      'l5',
      'latin5',
      'windows-1254',
      'x-cp1254',
    ],
  ],
  ['windows-874', ['dos-874', 'iso-8859-11', 'iso8859-11', 'iso885911', 'tis-620', 'windows-874']],
  ['cp932', ['csshiftjis', 'ms932', 'ms_kanji', 'shift-jis', 'shift_jis', 'sjis', 'windows-31j', 'x-sjis']],
  [
    'gbk',
    [
      'chinese',
      'csgb2312',
      'csiso58gb231280',
      'gb2312',
      'gb_2312',
      'gb_2312-80',
      'gbk',
      'iso-ir-58',
      'x-gbk',
    ],
  ],
  ['gb18030', ['gb18030']],
  ['big5hkscs', ['big5', 'big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5']],
  [
    'cp949',
    [
      'cseuckr',
      'csksc56011987',
      'euc-kr',
      'iso-ir-149',
      'korean',
      'ks_c_5601-1987',
      'ks_c_5601-1989',
      'ksc5601',
      'ksc_5601',
      'windows-949',
    ],
  ],
  ['eucjp', ['cseucpkdfmtjapanese', 'euc-jp', 'x-euc-jp']],
  ['koi8-r', ['cskoi8r', 'koi', 'koi8', 'koi8-r', 'koi8_r']],
  ['koi8-u', ['koi8-ru', 'koi8-u']],
  ['maccyrillic', ['x-mac-cyrillic', 'x-mac-ukrainian']],
  ['macintosh', ['csmacintosh', 'mac', 'macintosh', 'x-mac-roman']],
  ['utf16le', ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']],
  ['utf16be', ['unicodefffe', 'utf-16be']],
];

const LABELS = new Map<string, string>();
for (const [name, labels] of GROUPS) for (const l of labels) LABELS.set(l, name);

/** The iconv-lite decoder name for an encoding label, or null when the label is unknown or unsupported. */
export function decoderFor(
  label: string | null | undefined,
  known: (name: string) => boolean,
): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  const mapped = LABELS.get(l);
  if (mapped) return mapped;
  return l && known(l) ? l : null;
}

export function isUtf16(name: string | null): boolean {
  return name === 'utf16le' || name === 'utf16be';
}
