using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class NameGramsAndInboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "person_name_grams",
                columns: table => new
                {
                    Gram = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_name_grams", x => new { x.Gram, x.PersonId });
                    table.ForeignKey(
                        name: "FK_person_name_grams_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The persons already there: every character and pair of adjacent characters of each name, by code point,
            // as PersonNameGrams makes them for the persons saved from now on.
            migrationBuilder.Sql("""
                INSERT INTO person_name_grams ("Gram", "PersonId")
                SELECT DISTINCT substr(p."Name", i, k.n), p."Id"
                FROM persons p
                CROSS JOIN LATERAL generate_series(1, char_length(p."Name")) AS i
                CROSS JOIN (VALUES (1), (2)) AS k(n)
                WHERE i + k.n - 1 <= char_length(p."Name");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_workflow_tasks_claimable",
                table: "workflow_tasks",
                columns: new[] { "Role", "DueAt", "InstanceId" },
                filter: "\"Status\" = 'Open' AND \"Assignee\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cases_open_by_milestone",
                table: "cases",
                columns: new[] { "InstitutionCode", "ProcessId", "Milestone", "PersonId" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_person_name_grams_PersonId",
                table: "person_name_grams",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "person_name_grams");

            migrationBuilder.DropIndex(
                name: "IX_workflow_tasks_claimable",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "IX_cases_open_by_milestone",
                table: "cases");
        }
    }
}
