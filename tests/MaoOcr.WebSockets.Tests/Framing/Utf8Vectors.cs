namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>
/// Markus Kuhn's UTF-8 decoder stress test, as Autobahn's case group 6 sends it (6.2–6.23), plus the fail-fast
/// payloads of 6.3/6.4. Each vector: its section, hex bytes, and whether the whole is valid UTF-8.
/// </summary>
internal static class Utf8Vectors
{
    public static readonly (string Section, string Hex, bool Valid)[] All =
    [
        // 1 / Autobahn 6.2, 6.5: some correct UTF-8 text.
        ("1 kosme", "CEBAE1BDB9CF83CEBCCEB5", true),
        ("6.2 Hello-mu@ss", "48656C6C6F2DC2B540C39FC3B6C3A4C3BCC3A0C3A12D5554462D382121", true),
        ("6.1 empty", "", true),
        // 6.3 / 6.4: kosme then a surrogate or U+110000, then "edited".
        ("6.3.1 kosme ED A0 80 edited", "CEBAE1BDB9CF83CEBCCEB5EDA0806564697465 64", false),
        ("6.4.1 kosme F4 90 80 80 edited", "CEBAE1BDB9CF83CEBCCEB5F49080806564697465 64", false),
        // 2.1 First possible sequence of a certain length.
        ("2.1.1 U+0000", "00", true),
        ("2.1.2 U+0080", "C280", true),
        ("2.1.3 U+0800", "E0A080", true),
        ("2.1.4 U+10000", "F0908080", true),
        ("2.1.5 5-byte", "F888808080", false),
        ("2.1.6 6-byte", "FC8480808080", false),
        // 2.2 Last possible sequence of a certain length.
        ("2.2.1 U+007F", "7F", true),
        ("2.2.2 U+07FF", "DFBF", true),
        ("2.2.3 U+FFFF", "EFBFBF", true),
        ("2.2.4 U+1FFFFF", "F7BFBFBF", false),
        ("2.2.5 5-byte", "FBBFBFBFBF", false),
        ("2.2.6 6-byte", "FDBFBFBFBFBF", false),
        // 2.3 Other boundary conditions.
        ("2.3.1 U+D7FF", "ED9FBF", true),
        ("2.3.2 U+E000", "EE8080", true),
        ("2.3.3 U+FFFD", "EFBFBD", true),
        ("2.3.4 U+10FFFF", "F48FBFBF", true),
        ("2.3.5 U+110000", "F4908080", false),
        // 3.1 Unexpected continuation bytes.
        ("3.1.1 80", "80", false),
        ("3.1.2 BF", "BF", false),
        ("3.1.3 80 BF", "80BF", false),
        ("3.1.4 80 BF 80", "80BF80", false),
        ("3.1.5 80 BF 80 BF", "80BF80BF", false),
        ("3.1.6 80 BF 80 BF 80", "80BF80BF80", false),
        ("3.1.7 80 BF 80 BF 80 BF", "80BF80BF80BF", false),
        ("3.1.8 80 BF 80 BF 80 BF 80", "80BF80BF80BF80", false),
        ("3.1.9 all 64 continuation bytes", "808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF", false),
        ("after ASCII, continuation", "616263BF", false),
        // 3.2 Lonely start characters, each followed by a space.
        ("3.2.1 C0 space", "C020", false),
        ("3.2.1 C2 space", "C220", false),
        ("3.2.1 DF space", "DF20", false),
        ("3.2.2 E0 space", "E020", false),
        ("3.2.2 EF space", "EF20", false),
        ("3.2.3 F0 space", "F020", false),
        ("3.2.3 F4 space", "F420", false),
        ("3.2.3 F7 space", "F720", false),
        ("3.2.4 F8 space", "F820", false),
        ("3.2.5 FC space", "FC20", false),
        // 3.3 Sequences with the last continuation byte missing.
        ("3.3.1 C0", "C0", false),
        ("3.3.2 E0 80", "E080", false),
        ("3.3.3 F0 80 80", "F08080", false),
        ("3.3.4 F8 80 80 80", "F8808080", false),
        ("3.3.5 FC 80 80 80 80", "FC80808080", false),
        ("3.3.6 DF", "DF", false),
        ("3.3.7 EF BF", "EFBF", false),
        ("3.3.8 F7 BF BF", "F7BFBF", false),
        ("3.3.9 FB BF BF BF", "FBBFBFBF", false),
        ("3.3.10 FD BF BF BF BF", "FDBFBFBFBF", false),
        ("truncated C2", "C2", false),
        ("truncated E1 80", "E180", false),
        ("truncated F1 80 80", "F18080", false),
        ("truncated after text", "68656C6C6FF09F98", false),
        // 3.4 Concatenation of incomplete sequences.
        ("3.4 concatenated", "C0E080F08080F8808080FC80808080DFEFBFF7BFBFFBBFBFBFFDBFBFBFBF", false),
        // 3.5 Impossible bytes.
        ("3.5.1 FE", "FE", false),
        ("3.5.2 FF", "FF", false),
        ("3.5.3 FE FE FF FF", "FEFEFFFF", false),
        // 4.1 Overlong ASCII '/'.
        ("4.1.1 C0 AF", "C0AF", false),
        ("4.1.2 E0 80 AF", "E080AF", false),
        ("4.1.3 F0 80 80 AF", "F08080AF", false),
        ("4.1.4 F8 80 80 80 AF", "F8808080AF", false),
        ("4.1.5 FC 80 80 80 80 AF", "FC80808080AF", false),
        // 4.2 Maximum overlong sequences.
        ("4.2.1 C1 BF", "C1BF", false),
        ("4.2.2 E0 9F BF", "E09FBF", false),
        ("4.2.3 F0 8F BF BF", "F08FBFBF", false),
        ("4.2.4 F8 87 BF BF BF", "F887BFBFBF", false),
        ("4.2.5 FC 83 BF BF BF BF", "FC83BFBFBFBF", false),
        // 4.3 Overlong NUL.
        ("4.3.1 C0 80", "C080", false),
        ("4.3.2 E0 80 80", "E08080", false),
        ("4.3.3 F0 80 80 80", "F0808080", false),
        ("4.3.4 F8 80 80 80 80", "F880808080", false),
        ("4.3.5 FC 80 80 80 80 80", "FC8080808080", false),
        // 5.1 Single UTF-16 surrogates.
        ("5.1.1 U+D800", "EDA080", false),
        ("5.1.2 U+DB7F", "EDADBF", false),
        ("5.1.3 U+DB80", "EDAE80", false),
        ("5.1.4 U+DBFF", "EDAFBF", false),
        ("5.1.5 U+DC00", "EDB080", false),
        ("5.1.6 U+DF80", "EDBE80", false),
        ("5.1.7 U+DFFF", "EDBFBF", false),
        // 5.2 Paired UTF-16 surrogates.
        ("5.2.1 U+D800 U+DC00", "EDA080EDB080", false),
        ("5.2.2 U+D800 U+DFFF", "EDA080EDBFBF", false),
        ("5.2.3 U+DB7F U+DC00", "EDADBFEDB080", false),
        ("5.2.4 U+DB7F U+DFFF", "EDADBFEDBFBF", false),
        ("5.2.5 U+DB80 U+DC00", "EDAE80EDB080", false),
        ("5.2.6 U+DB80 U+DFFF", "EDAE80EDBFBF", false),
        ("5.2.7 U+DBFF U+DC00", "EDAFBFEDB080", false),
        ("5.2.8 U+DBFF U+DFFF", "EDAFBFEDBFBF", false),
        // 5.3 Noncharacters are valid UTF-8 (Autobahn 6.22), as are the specials (6.23).
        ("5.3.1 U+FFFE", "EFBFBE", true),
        ("5.3.2 U+FFFF", "EFBFBF", true),
        ("5.3.3 U+FDD0..U+FDEF ends", "EFB790EFB7AF", true),
        ("6.22 U+1FFFE U+1FFFF", "F09FBFBEF09FBFBF", true),
        ("6.22 U+10FFFE U+10FFFF", "F48FBFBEF48FBFBF", true),
        ("6.23 U+FFF9..U+FFFD", "EFBFB9EFBFBAEFBFBBEFBFBCEFBFBD", true),
        // A BOM is a character like any other.
        ("BOM", "EFBBBF68", true),
    ];
}
