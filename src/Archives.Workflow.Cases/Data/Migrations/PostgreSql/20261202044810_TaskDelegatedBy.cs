using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.PostgreSql
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
                type: "character varying(100)",
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
