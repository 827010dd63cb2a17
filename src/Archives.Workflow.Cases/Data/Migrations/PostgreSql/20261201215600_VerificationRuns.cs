using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class VerificationRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "verification_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstitutionCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ScopeKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TotalCases = table.Column<long>(type: "bigint", nullable: false),
                    TotalEvents = table.Column<long>(type: "bigint", nullable: false),
                    CasesChecked = table.Column<long>(type: "bigint", nullable: false),
                    EventsChecked = table.Column<long>(type: "bigint", nullable: false),
                    Failures = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verification_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "verification_failures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verification_failures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_verification_failures_verification_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "verification_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_verification_failures_RunId_CaseNumber",
                table: "verification_failures",
                columns: new[] { "RunId", "CaseNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_verification_runs_active_scope",
                table: "verification_runs",
                column: "ScopeKey",
                unique: true,
                filter: "\"State\" IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "IX_verification_runs_QueuedAt",
                table: "verification_runs",
                column: "QueuedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "verification_failures");

            migrationBuilder.DropTable(
                name: "verification_runs");
        }
    }
}
