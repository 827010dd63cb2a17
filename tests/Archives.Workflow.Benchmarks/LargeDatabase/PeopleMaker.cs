using System.Globalization;

namespace Archives.Workflow.Benchmarks.LargeDatabase;

/// <summary>
/// Realistic persons for generated cases: Chinese names from common surnames and given-name characters, and
/// valid 18-digit resident identity numbers (GB 11643: area, birth date, sequence, check character, so some end
/// in X), distinct for distinct case indexes and never one already in the database.
/// </summary>
internal sealed class PeopleMaker(IReadOnlySet<string> taken)
{
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
        "欧阳", "司马", "上官",
    ];

    private static readonly string[] GivenCharacters =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
        "刚", "桂", "英", "华", "文", "博", "思", "远", "晓", "雯", "建", "国", "立", "新", "雅", "琴", "慧", "志", "佳", "瑶",
        "子", "涵", "梓", "轩", "浩", "宇", "欣", "怡", "晨", "阳", "嘉", "琪", "俊", "鹏", "婷", "玉", "兰", "海", "燕", "红",
    ];

    // Beijing's districts first (where the demo institutions are), then places people come from.
    private static readonly string[] Areas = ["110105", "110108", "110101", "110102", "110106", "110107", "130102", "370102", "410105", "510104", "320102", "420106"];

    private static readonly DateOnly FirstBirth = new(1962, 1, 1);

    /// <summary>A name for the person of case <paramref name="index"/>: a surname and one or two given characters.</summary>
    public static string Name(Random random)
    {
        var surname = Surnames[random.Next(Surnames.Length)];
        var given = GivenCharacters[random.Next(GivenCharacters.Length)];
        return random.Next(4) == 0 ? surname + given : surname + given + GivenCharacters[random.Next(GivenCharacters.Length)];
    }

    /// <summary>
    /// The identity number of case <paramref name="index"/>: 14,600 birth dates times 800 sequences times the
    /// areas, so distinct indexes give distinct numbers; a number the database already holds moves to the next area.
    /// </summary>
    public string IdentityNumber(long index)
    {
        var day = (int)(index % 14_600);
        var sequence = 100 + (int)(index / 14_600 % 800);
        var area = (int)(index / (14_600L * 800) % Areas.Length);
        while (true)
        {
            var first17 = string.Create(CultureInfo.InvariantCulture, $"{Areas[area]}{FirstBirth.AddDays(day):yyyyMMdd}{sequence:D3}");
            var number = first17 + Archives.Workflow.Engine.Forms.IdentityNumber.CheckCharacter(first17);
            if (!taken.Contains(number))
            {
                return number;
            }

            area = (area + 1) % Areas.Length;
        }
    }
}
