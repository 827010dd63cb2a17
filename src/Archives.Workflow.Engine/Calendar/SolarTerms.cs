namespace Archives.Workflow.Engine.Calendar;

/// <summary>
/// The instants at which the sun reaches a given apparent ecliptic longitude (the 24 solar terms),
/// after Meeus, <i>Astronomical Algorithms</i> (2nd ed.), chapters 22, 25 and 32: the Earth's
/// heliocentric longitude from the truncated VSOP87 series of Appendix III, converted to the FK5
/// system, with nutation in longitude and aberration; Terrestrial Time is turned into Universal Time
/// with the Espenak–Meeus polynomials for ΔT. The sun's position is good to about a second of arc
/// (half a minute of time); the forecast of ΔT, uncertain by a minute or two late in the century,
/// is the larger error. That names the day of a solar term in China Standard Time unless the term
/// falls within a few minutes of midnight.
/// </summary>
internal static class SolarTerms
{
    private const double J2000 = 2451545.0;
    private const double DaysPerTropicalYear = 365.242189;

    // Meeus, Appendix III (VSOP87 truncated): amplitude (1e-8 rad), phase (rad), frequency (rad per millennium).
    private static readonly double[][,] Longitude =
    [
        new double[,]
        {
            { 175347046, 0, 0 }, { 3341656, 4.6692568, 6283.0758500 }, { 34894, 4.62610, 12566.15170 },
            { 3497, 2.7441, 5753.3849 }, { 3418, 2.8289, 3.5231 }, { 3136, 3.6277, 77713.7715 },
            { 2676, 4.4181, 7860.4194 }, { 2343, 6.1352, 3930.2097 }, { 1324, 0.7425, 11506.7698 },
            { 1273, 2.0371, 529.6910 }, { 1199, 1.1096, 1577.3435 }, { 990, 5.233, 5884.927 },
            { 902, 2.045, 26.298 }, { 857, 3.508, 398.149 }, { 780, 1.179, 5223.694 },
            { 753, 2.533, 5507.553 }, { 505, 4.583, 18849.228 }, { 492, 4.205, 775.523 },
            { 357, 2.920, 0.067 }, { 317, 5.849, 11790.629 }, { 284, 1.899, 796.298 },
            { 271, 0.315, 10977.079 }, { 243, 0.345, 5486.778 }, { 206, 4.806, 2544.314 },
            { 205, 1.869, 5573.143 }, { 202, 2.458, 6069.777 }, { 156, 0.833, 213.299 },
            { 132, 3.411, 2942.463 }, { 126, 1.083, 20.775 }, { 115, 0.645, 0.980 },
            { 103, 0.636, 4694.003 }, { 102, 0.976, 15720.839 }, { 102, 4.267, 7.114 },
            { 99, 6.21, 2146.17 }, { 98, 0.68, 155.42 }, { 86, 5.98, 161000.69 },
            { 85, 1.30, 6275.96 }, { 85, 3.67, 71430.70 }, { 80, 1.81, 17260.15 },
            { 79, 3.04, 12036.46 }, { 75, 1.76, 5088.63 }, { 74, 3.50, 3154.69 },
            { 74, 4.68, 801.82 }, { 70, 0.83, 9437.76 }, { 62, 3.98, 8827.39 },
            { 61, 1.82, 7084.90 }, { 57, 2.78, 6286.60 }, { 56, 4.39, 14143.50 },
            { 56, 3.47, 6279.55 }, { 52, 0.19, 12139.55 }, { 52, 1.33, 1748.02 },
            { 51, 0.28, 5856.48 }, { 49, 0.49, 1194.45 }, { 41, 5.37, 8429.24 },
            { 41, 2.40, 19651.05 }, { 39, 6.17, 10447.39 }, { 37, 6.04, 10213.29 },
            { 37, 2.57, 1059.38 }, { 36, 1.71, 2352.87 }, { 36, 1.78, 6812.77 },
            { 33, 0.59, 17789.85 }, { 30, 0.44, 83996.85 }, { 30, 2.74, 1349.87 },
            { 25, 3.16, 4690.48 },
        },
        new double[,]
        {
            { 628331966747, 0, 0 }, { 206059, 2.678235, 6283.075850 }, { 4303, 2.6351, 12566.1517 },
            { 425, 1.590, 3.523 }, { 119, 5.796, 26.298 }, { 109, 2.966, 1577.344 },
            { 93, 2.59, 18849.23 }, { 72, 1.14, 529.69 }, { 68, 1.87, 398.15 },
            { 67, 4.41, 5507.55 }, { 59, 2.89, 5223.69 }, { 56, 2.17, 155.42 },
            { 45, 0.40, 796.30 }, { 36, 0.47, 775.52 }, { 29, 2.65, 7.11 },
            { 21, 5.34, 0.98 }, { 19, 1.85, 5486.78 }, { 19, 4.97, 213.30 },
            { 17, 2.99, 6275.96 }, { 16, 0.03, 2544.31 }, { 16, 1.43, 2146.17 },
            { 15, 1.21, 10977.08 }, { 12, 2.83, 1748.02 }, { 12, 3.26, 5088.63 },
            { 12, 5.27, 1194.45 }, { 12, 2.08, 4694.00 }, { 11, 0.77, 553.57 },
            { 10, 1.30, 6286.60 }, { 10, 4.24, 1349.87 }, { 9, 2.70, 242.73 },
            { 9, 5.64, 951.72 }, { 8, 5.30, 2352.87 }, { 6, 2.65, 9437.76 },
            { 6, 4.67, 4690.48 },
        },
        new double[,]
        {
            { 52919, 0, 0 }, { 8720, 1.0721, 6283.0758 }, { 309, 0.867, 12566.152 },
            { 27, 0.05, 3.52 }, { 16, 5.19, 26.30 }, { 16, 3.68, 155.42 },
            { 10, 0.76, 18849.23 }, { 9, 2.06, 77713.77 }, { 7, 0.83, 775.52 },
            { 5, 4.66, 1577.34 }, { 4, 1.03, 7.11 }, { 4, 3.44, 5573.14 },
            { 3, 5.14, 796.30 }, { 3, 6.05, 5507.55 }, { 3, 1.19, 242.73 },
            { 3, 6.12, 529.69 }, { 3, 0.31, 398.15 }, { 3, 2.28, 553.57 },
            { 2, 4.38, 5223.69 }, { 2, 3.75, 0.98 },
        },
        new double[,]
        {
            { 289, 5.844, 6283.076 }, { 35, 0, 0 }, { 17, 5.49, 12566.15 },
            { 3, 5.20, 155.42 }, { 1, 4.72, 3.52 }, { 1, 5.30, 18849.23 },
            { 1, 5.97, 242.73 },
        },
        new double[,] { { 114, 3.142, 0 }, { 8, 4.13, 6283.08 }, { 1, 3.84, 12566.15 } },
        new double[,] { { 1, 3.14, 0 } },
    ];

    // The largest terms of the Earth's radius vector (same source, 1e-8 AU): enough for the aberration,
    // which is 20.4898″ divided by the distance.
    private static readonly double[][,] Radius =
    [
        new double[,]
        {
            { 100013989, 0, 0 }, { 1670700, 3.0984635, 6283.0758500 }, { 13956, 3.05525, 12566.15170 },
            { 3084, 5.1985, 77713.7715 }, { 1628, 1.1739, 5753.3849 }, { 1576, 2.8469, 7860.4194 },
        },
        new double[,] { { 103019, 1.107490, 6283.075850 }, { 1721, 1.0644, 12566.1517 }, { 702, 3.142, 0 } },
        new double[,] { { 4359, 5.7846, 6283.0758 }, { 124, 5.579, 12566.152 } },
    ];

    /// <summary>
    /// The instant (Universal Time) nearest to <paramref name="near"/> at which the sun's apparent
    /// ecliptic longitude is <paramref name="longitudeDegrees"/> (Qingming is 15°, about 4 April).
    /// </summary>
    public static DateTimeOffset Instant(double longitudeDegrees, DateOnly near)
    {
        // Newton's method on the longitude, whose rate is close to 360° per tropical year.
        var jde = JulianDay(near.ToDateTime(TimeOnly.MinValue));
        for (var i = 0; i < 50; i++)
        {
            var error = Wrap(longitudeDegrees - ApparentLongitude(jde));
            var step = error * DaysPerTropicalYear / 360.0;
            jde += step;
            if (Math.Abs(step) < 1e-8)
            {
                break;
            }
        }

        var year = near.Year + ((near.DayOfYear - 0.5) / 365.25);
        var ut = jde - (DeltaT(year) / 86400.0);
        var unixDays = ut - 2440587.5;
        return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(unixDays * TimeSpan.TicksPerDay));
    }

    /// <summary>The sun's apparent geocentric longitude in degrees [0, 360) at the Julian Ephemeris Day.</summary>
    public static double ApparentLongitude(double julianEphemerisDay)
    {
        var tau = (julianEphemerisDay - J2000) / 365250.0;
        var t = tau * 10.0;

        var earthLongitude = Series(Longitude, tau);
        var distance = Series(Radius, tau);

        // Geocentric longitude of the sun, then the FK5 correction (Meeus 32.3 and 25.9).
        var sunDegrees = (earthLongitude * 180.0 / Math.PI) + 180.0;
        var fk5 = -0.09033 / 3600.0;

        // Nutation in longitude, the four largest terms (Meeus ch. 22), good to 0.5″.
        var omega = Radians(125.04452 - (1934.136261 * t));
        var meanSun = Radians(280.4665 + (36000.7698 * t));
        var meanMoon = Radians(218.3165 + (481267.8813 * t));
        var nutation = ((-17.20 * Math.Sin(omega)) - (1.32 * Math.Sin(2 * meanSun))
            - (0.23 * Math.Sin(2 * meanMoon)) + (0.21 * Math.Sin(2 * omega))) / 3600.0;

        var aberration = -20.4898 / 3600.0 / distance;

        return Normalize(sunDegrees + fk5 + nutation + aberration);
    }

    /// <summary>
    /// ΔT = TT − UT in seconds (Espenak and Meeus, <i>Five Millennium Canon of Solar Eclipses</i>,
    /// 2006). Its error of a minute or so at the end of the century moves a solar term by as much.
    /// </summary>
    public static double DeltaT(double year)
    {
        if (year < 2005)
        {
            var t = year - 2000;
            return 63.86 + (0.3345 * t) - (0.060374 * t * t) + (0.0017275 * t * t * t)
                + (0.000651814 * t * t * t * t) + (0.00002373599 * t * t * t * t * t);
        }

        if (year < 2050)
        {
            var t = year - 2000;
            return 62.92 + (0.32217 * t) + (0.005589 * t * t);
        }

        var u = (year - 1820) / 100.0;
        return -20 + (32 * u * u) - (0.5628 * (2150 - year));
    }

    private static double Series(double[][,] powers, double tau)
    {
        var sum = 0.0;
        var power = 1.0;
        foreach (var terms in powers)
        {
            var inner = 0.0;
            for (var row = 0; row < terms.GetLength(0); row++)
            {
                inner += terms[row, 0] * Math.Cos(terms[row, 1] + (terms[row, 2] * tau));
            }

            sum += inner * power;
            power *= tau;
        }

        return sum / 1e8;
    }

    private static double JulianDay(DateTime utc) => (utc - DateTime.UnixEpoch).TotalDays + 2440587.5;

    private static double Radians(double degrees) => degrees * Math.PI / 180.0;

    private static double Normalize(double degrees)
    {
        var d = degrees % 360.0;
        return d < 0 ? d + 360.0 : d;
    }

    private static double Wrap(double degrees)
    {
        var d = Normalize(degrees);
        return d > 180.0 ? d - 360.0 : d;
    }
}
