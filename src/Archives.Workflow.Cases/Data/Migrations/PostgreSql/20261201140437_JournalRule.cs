using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class JournalRule : Migration
    {
        /// <summary>
        /// Every case already stored was hashed with 100-ns ticks (rule 1) and keeps that rule, so its chain
        /// verifies as written; the runtime gives new cases rule 2 (microseconds). <c>archives cases rehash</c>
        /// moves an intact old chain to rule 2 and records it in <c>workflow_journal_rehashes</c>.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "JournalRule",
                table: "workflow_instances",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "workflow_journal_rehashes",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FromRule = table.Column<int>(type: "integer", nullable: false),
                    ToRule = table.Column<int>(type: "integer", nullable: false),
                    Entries = table.Column<long>(type: "bigint", nullable: false),
                    OldHead = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NewHead = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RehashedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RehashedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_journal_rehashes", x => x.InstanceId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workflow_journal_rehashes");

            migrationBuilder.DropColumn(
                name: "JournalRule",
                table: "workflow_instances");
        }
    }
}
