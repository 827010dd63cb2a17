using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JournalKeyedBySequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_workflow_journal",
                table: "workflow_journal");

            migrationBuilder.DropIndex(
                name: "IX_workflow_journal_InstanceId_Sequence",
                table: "workflow_journal");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "workflow_journal");

            migrationBuilder.AddPrimaryKey(
                name: "PK_workflow_journal",
                table: "workflow_journal",
                columns: new[] { "InstanceId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_workflow_journal",
                table: "workflow_journal");

            migrationBuilder.AddColumn<long>(
                name: "Id",
                table: "workflow_journal",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_workflow_journal",
                table: "workflow_journal",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_journal_InstanceId_Sequence",
                table: "workflow_journal",
                columns: new[] { "InstanceId", "Sequence" },
                unique: true);
        }
    }
}
