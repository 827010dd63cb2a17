namespace Archives.Workflow.Server.Documents;

/// <summary>The <c>Documents</c> section of the configuration: how documents are printed and checked.</summary>
public sealed class DocumentOptions
{
    /// <summary>
    /// The CJK font embedded in every PDF (default <c>/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc</c>, from the
    /// Debian package <c>fonts-noto-cjk</c>). A collection (<c>.ttc</c>) or a single font (<c>.otf</c>, <c>.ttf</c>).
    /// </summary>
    public string FontPath { get; set; } = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    /// <summary>Which face of the font file to use (default <c>Noto Sans CJK SC</c>, the simplified Chinese one); empty for its first face.</summary>
    public string FontFamily { get; set; } = "Noto Sans CJK SC";

    /// <summary>
    /// The address printed in the QR code, where the public reaches this server (default: the first of <c>Server:Urls</c>).
    /// Set it to the institution's public address, e.g. <c>https://archives.example.gov.cn</c>; documents already
    /// printed keep the address they were printed with, so change it rarely.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How many checks of codes one client address may make per <see cref="VerifyWindow"/> (default 30).</summary>
    public int VerifyPermitLimit { get; set; } = 30;

    /// <summary>The window of <see cref="VerifyPermitLimit"/> (default one minute).</summary>
    public TimeSpan VerifyWindow { get; set; } = TimeSpan.FromMinutes(1);
}
