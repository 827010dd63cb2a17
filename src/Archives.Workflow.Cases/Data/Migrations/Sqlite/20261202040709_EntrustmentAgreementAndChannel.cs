using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.Sqlite
{
    /// <summary>The entrustment agreement's state and dates on personnel_files; the channel of every case (existing cases: Counter).</summary>
    public partial class EntrustmentAgreementAndChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EntrustmentAgreementIssuedOn",
                table: "personnel_files",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EntrustmentAgreementRefusedOn",
                table: "personnel_files",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EntrustmentAgreementSignedBy",
                table: "personnel_files",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EntrustmentAgreementSignedOn",
                table: "personnel_files",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EntrustmentAgreementSignedVia",
                table: "personnel_files",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EntrustmentAgreementState",
                table: "personnel_files",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "cases",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Counter");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EntrustmentAgreementIssuedOn",
                table: "personnel_files");

            migrationBuilder.DropColumn(
                name: "EntrustmentAgreementRefusedOn",
                table: "personnel_files");

            migrationBuilder.DropColumn(
                name: "EntrustmentAgreementSignedBy",
                table: "personnel_files");

            migrationBuilder.DropColumn(
                name: "EntrustmentAgreementSignedOn",
                table: "personnel_files");

            migrationBuilder.DropColumn(
                name: "EntrustmentAgreementSignedVia",
                table: "personnel_files");

            migrationBuilder.DropColumn(
                name: "EntrustmentAgreementState",
                table: "personnel_files");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "cases");
        }
    }
}
