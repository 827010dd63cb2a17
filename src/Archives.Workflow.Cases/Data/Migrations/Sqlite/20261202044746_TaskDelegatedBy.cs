using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaskDelegatedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DelegatedBy",
                table: "workflow_tasks",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DelegatedBy",
                table: "workflow_tasks");
        }
    }
}
